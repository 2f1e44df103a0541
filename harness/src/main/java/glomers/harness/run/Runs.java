package glomers.harness.run;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.StandardCheckers;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.net.Journal;
import glomers.harness.net.Network;
import glomers.harness.service.Service;
import glomers.harness.service.Services;
import glomers.harness.sim.Scheduler;
import glomers.harness.workload.Workload;
import glomers.runtime.Body;
import glomers.runtime.Json;
import glomers.runtime.NodeProgram;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Assembles a run (clock, network, services, nodes, nemesis), executes it and checks the history. */
public final class Runs {
    private Runs() {
    }

    /** Nodes in-process on a virtual clock: a deterministic function of the options and seed. */
    public static RunResult inProcess(RunOptions options, Workload workload, Supplier<NodeProgram> program) {
        return inProcess(options, workload, program, Run.RunListener.NONE);
    }

    public static RunResult inProcess(RunOptions options, Workload workload, Supplier<NodeProgram> program,
                                      Run.RunListener listener) {
        return inProcess(options, workload, program, listener, new Journal());
    }

    /** As above, with the network's traffic recorded in {@code journal} (which the caller closes). */
    public static RunResult inProcess(RunOptions options, Workload workload, Supplier<NodeProgram> program,
                                      Run.RunListener listener, Journal journal) {
        Seeds seeds = new Seeds(options.seed());
        Scheduler scheduler = Scheduler.virtual();
        Network network = new Network(scheduler, options.latencyDist(), options.latencyMillis(), seeds.random("network"), journal);
        InProcessNodes nodes = new InProcessNodes(program, scheduler, network, seeds);
        return execute(options, workload, scheduler, network, nodes, seeds, "sim", listener);
    }

    /**
     * Nodes as child processes of {@code bin}, started as Maelstrom starts them, on wall-clock
     * time: the run takes as long as it would under Maelstrom.
     */
    public static RunResult processes(RunOptions options, Workload workload, Path bin, List<String> args,
                                      Run.RunListener listener) {
        return processes(options, workload, bin, args, listener, new Journal());
    }

    /** As above, with the network's traffic recorded in {@code journal} (which the caller closes). */
    public static RunResult processes(RunOptions options, Workload workload, Path bin, List<String> args,
                                      Run.RunListener listener, Journal journal) {
        Seeds seeds = new Seeds(options.seed());
        Scheduler scheduler = Scheduler.realTime();
        Network network = new Network(scheduler, options.latencyDist(), options.latencyMillis(), seeds.random("network"), journal);
        ProcessNodes nodes = new ProcessNodes(bin, args, Path.of(System.getProperty("java.io.tmpdir")), scheduler, network);
        return execute(options, workload, scheduler, network, nodes, seeds, "process", listener);
    }

    static RunResult execute(RunOptions options, Workload workload, Scheduler scheduler, Network network,
                             Run.NodeHost nodes, Seeds seeds, String mode, Run.RunListener listener) {
        long wallStart = System.nanoTime();
        installServices(network, Services.standard(seeds.random("services")));
        List<String> nodeIds = options.nodes();
        Nemesis nemesis = new Nemesis(options.partitions(), options.nemesisIntervalSeconds(), scheduler, network, nodeIds,
                seeds.random("nemesis"), description -> listener.partition(description, scheduler.now()));
        Run run = new Run(options, workload, nodeIds, scheduler, network, nodes, nemesis, seeds, listener);
        Run.Outcome outcome;
        try {
            outcome = run.execute();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running", e);
        } finally {
            nodes.close();
        }
        String abortReason = outcome.abortReason();
        if (abortReason != null && !network.violations().isEmpty()) {
            abortReason += lastLogLines(nodes, network.violations().get(0).sender());
        }
        ObjectNode results = Json.mapper().createObjectNode();
        Validity validity = null;
        if (outcome.abortReason() == null) {
            validity = Validity.VALID;
            // The extra checks (txn-rw-register's second analysis) only read the history: they
            // run on a second thread while Maelstrom's checkers run on this one.
            CompletableFuture<List<Workload.ExtraCheck>> extras =
                    CompletableFuture.supplyAsync(() -> extraChecks(workload, outcome.history(), options), EXTRA_CHECKS);
            for (var check : List.of(
                    new Named("exceptions", () -> StandardCheckers.exceptions(outcome.history())),
                    new Named("stats", () -> StandardCheckers.stats(outcome.history())),
                    new Named("availability", () -> StandardCheckers.availability(outcome.history(), options.availability())),
                    new Named("net", () -> StandardCheckers.net(network.journal(), outcome.history())),
                    new Named("workload", () -> workload.check(outcome.history(), options)))) {
                CheckResult result = check.run();
                results.set(check.name, result.details());
                validity = validity.and(result.validity());
            }
            for (Workload.ExtraCheck extra : extras.join()) {
                results.set(extra.name(), extra.result().details());
                if (extra.counts()) {
                    validity = validity.and(extra.result().validity());
                }
            }
            results.set("valid?", validity.json());
        }
        long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
        return new RunResult(options, mode, validity, abortReason, results, outcome.history(), nodes.logs(),
                scheduler.now(), wallMillis);
    }

    /**
     * Threads for the extra checks: daemons, made as needed, kept a minute when idle. They are the
     * bench's, not a node's: their context class loader is the bench's, whatever the thread that
     * made them had (a run of a node jar of one's own gives its threads the jar's, and SimGuard
     * takes any thread with it for one the node started).
     */
    private static final ExecutorService EXTRA_CHECKS = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "extra-checks");
        thread.setDaemon(true);
        thread.setContextClassLoader(Runs.class.getClassLoader());
        return thread;
    });

    /** The workload's own extra checks; one that throws is reported as unknown and never counts. */
    private static List<Workload.ExtraCheck> extraChecks(Workload workload, History history, RunOptions options) {
        try {
            return workload.extraChecks(history, options);
        } catch (RuntimeException e) {
            return List.of(new Workload.ExtraCheck("extra-checks", Named.unknown(e), false));
        }
    }

    /** The sender's last log lines, to show with a failure it caused. */
    private static String lastLogLines(Run.NodeHost nodes, String sender) {
        List<String> log = nodes.logs().getOrDefault(sender, List.of());
        List<String> last = log.subList(Math.max(0, log.size() - ProcessNodes.LAST_LINES_SHOWN), log.size());
        return last.isEmpty() ? "" : "\n" + sender + "'s last lines on stderr:\n" + String.join("\n", last);
    }

    /** A checker that throws gives :unknown, as a Jepsen checker that throws does. */
    private record Named(String name, Supplier<CheckResult> checker) {
        CheckResult run() {
            try {
                return checker.get();
            } catch (RuntimeException e) {
                return unknown(e);
            }
        }

        /** What a checker that threw reports: unknown, with the trace. */
        static CheckResult unknown(RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            ObjectNode details = Json.mapper().createObjectNode();
            details.set("valid?", Validity.UNKNOWN.json());
            details.put("error", trace.toString());
            return new CheckResult(Validity.UNKNOWN, details);
        }
    }

    /** Each service answers on the network; its reply's in_reply_to copies the request's msg_id (null if none). */
    private static void installServices(Network network, List<Service> services) {
        for (Service service : services) {
            network.register(service.id(), packet -> {
                Body reply = service.handle(packet.src(), packet.body());
                if (reply != null && network.isRegistered(packet.src())) {
                    var msgId = packet.body().json().get(Body.MSG_ID);
                    reply.json().set(Body.IN_REPLY_TO, msgId == null ? NullNode.getInstance() : msgId);
                    network.send(service.id(), packet.src(), reply);
                }
            });
        }
    }
}
