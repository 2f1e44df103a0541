package glomers.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.harness.net.Network;
import glomers.harness.sim.Scheduler;
import glomers.harness.workload.Completion;
import glomers.harness.workload.FinalSteps;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.ReplySchema;
import glomers.harness.workload.RpcResult;
import glomers.harness.workload.Workload;
import glomers.harness.workload.WorkloadClient;
import glomers.runtime.Body;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One test run, following Maelstrom's timeline (spec §2.3):
 * <ol>
 *   <li><b>init</b>: every node gets {@code init} from its own fresh client, in parallel; no
 *       {@code init_ok} within 10 s aborts the run;</li>
 *   <li><b>setup</b>: one client per node sends the workload's setup request (broadcast's
 *       {@code topology}, 5 s); the nemesis heals;</li>
 *   <li><b>main phase</b>: {@code --time-limit} seconds from the first operation; operations are
 *       staggered across all workers at {@code --rate}, and handed out only to a free worker;</li>
 *   <li><b>drain</b>: no new operations; those in flight finish or time out;</li>
 *   <li><b>final phase</b> (workloads that have one): heal, 10 s of quiet, then each worker's
 *       final operations;</li>
 *   <li><b>check</b>: the history goes through the checkers.</li>
 * </ol>
 * Everything happens on the {@link Scheduler}, so with in-process nodes a run is a
 * deterministic function of its options and seed.
 */
public final class Run {
    static final long INIT_TIMEOUT_MILLIS = 10_000;
    static final long SETUP_TIMEOUT_MILLIS = 5_000;
    static final long RECOVERY_WAIT_MILLIS = 10_000;
    /** Beyond the phases' own limits, a run that has not ended by then is stopped as hung. */
    static final long SLACK_MILLIS = 60_000;

    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000;

    private final RunOptions options;
    private final Workload workload;
    private final Scheduler scheduler;
    private final Network network;
    private final NodeHost nodes;
    private final Nemesis nemesis;
    private final History history = new History();
    private final Random staggerRandom;
    private final Random workloadRandom;
    private final List<String> nodeIds = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final RunListener listener;
    private int nextClientNumber;
    private int nextThreadIndex;
    private long cutoffNanos = Long.MAX_VALUE;
    private long nextOpNanos;
    private Scheduler.Cancellable wakeup;
    private boolean mainPhaseOver;
    private int finalPhaseWorkersDone;
    private boolean finished;
    private String abortReason;

    /** Where the nodes of a run live: in-process on the virtual clock, or as real processes. */
    public interface NodeHost {
        /** Starts node {@code nodeId} and puts it on the network. */
        void start(String nodeId);

        /** Null while all is well; otherwise why a node failed (it exited, say), with its last log lines. */
        String failure();

        /** Each node's log (stderr), for the results. */
        Map<String, List<String>> logs();

        /** Stops every node. */
        void close();
    }

    /** What the run tells the outside while it goes: phases and progress, for the terminal. */
    public interface RunListener {
        default void phase(String name, long nowNanos) {
        }

        default void operation(Op completion) {
        }

        default void partition(String description, long nowNanos) {
        }

        RunListener NONE = new RunListener() {
        };
    }

    Run(RunOptions options, Workload workload, List<String> nodeIds, Scheduler scheduler, Network network, NodeHost nodes,
        Nemesis nemesis, Seeds seeds, RunListener listener) {
        this.nodeIds.addAll(nodeIds);
        this.options = options;
        this.workload = workload;
        this.scheduler = scheduler;
        this.network = network;
        this.nodes = nodes;
        this.nemesis = nemesis;
        this.staggerRandom = seeds.random("stagger");
        this.workloadRandom = seeds.random("workload");
        this.listener = listener;
        network.onViolation(v -> abort("Maelstrom would stop reading this node's output from here on: " + v));
    }

    /** Runs to the end and returns the history (or why the run was aborted). */
    Outcome execute() throws InterruptedException {
        listener.phase("init", scheduler.now());
        for (String node : nodeIds) {
            nodes.start(node);
        }
        initNodes();
        long limitNanos = (INIT_TIMEOUT_MILLIS + SETUP_TIMEOUT_MILLIS + RECOVERY_WAIT_MILLIS + SLACK_MILLIS) * NANOS_PER_MILLI
                + options.timeLimitSeconds() * NANOS_PER_SECOND
                + 2 * workload.timeoutMillis(options) * NANOS_PER_MILLI;
        scheduler.runUntil(() -> finished || abortReason != null || nodes.failure() != null, limitNanos);
        if (abortReason == null && nodes.failure() != null) {
            abortReason = nodes.failure();
        }
        if (abortReason == null && !finished) {
            abortReason = "the run did not finish within " + limitNanos / NANOS_PER_SECOND + " s of simulated time";
        }
        return new Outcome(history, abortReason);
    }

    /** The history, and why the run was aborted (null if it ran to the end). */
    record Outcome(History history, String abortReason) {
    }

    private void abort(String reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
    }

    // ---- init and setup ------------------------------------------------------------------------

    private Client openClient() {
        return new Client("c" + nextClientNumber++, network, scheduler, this::abort);
    }

    private void initNodes() {
        int[] answered = {0};
        for (String node : nodeIds) {
            Client client = openClient();
            Body init = Body.of("init").put("node_id", node).put("node_ids", nodeIds);
            client.call(node, init, INIT_TIMEOUT_MILLIS, reply -> {
                client.close();
                if (reply == null) {
                    abort("node " + node + " did not answer init within " + INIT_TIMEOUT_MILLIS / 1000 + " s");
                } else if (!"init_ok".equals(reply.type())) {
                    abort("node " + node + " answered init with " + reply + " instead of init_ok");
                } else if (++answered[0] == nodeIds.size()) {
                    setUpClients();
                }
            });
        }
    }

    private void setUpClients() {
        listener.phase("setup", scheduler.now());
        Map<String, Body> requests = workload.setupRequests(nodeIds, options);
        int[] remaining = {nodeIds.size()};
        for (String node : nodeIds) {
            // Maelstrom opens one per node even when there is nothing to set up, and Jepsen keeps it
            // open until the run ends: a second topology_ok to it is ignored, not an error.
            Client client = openClient();
            Body request = requests.get(node);
            Runnable done = () -> {
                if (--remaining[0] == 0 && abortReason == null) {
                    nemesis.heal(history);
                    startMainPhase();
                }
            };
            if (request == null) {
                done.run();
                continue;
            }
            String expected = request.type() + "_ok";
            client.call(node, request, SETUP_TIMEOUT_MILLIS, reply -> {
                if (reply == null) {
                    abort("node " + node + " did not answer " + request.type() + " within " + SETUP_TIMEOUT_MILLIS / 1000 + " s");
                } else if (!expected.equals(reply.type())) {
                    abort("node " + node + " answered " + request.type() + " with " + reply + " instead of " + expected);
                }
                done.run();
            });
        }
    }

    // ---- main phase ----------------------------------------------------------------------------

    private void startMainPhase() {
        listener.phase("main", scheduler.now());
        for (int t = 0; t < options.concurrency(); t++) {
            workers.add(new Worker(t, nodeIds.get(t % nodeIds.size()), openClient()));
        }
        long start = scheduler.now();
        cutoffNanos = start + options.timeLimitSeconds() * NANOS_PER_SECOND;
        nextOpNanos = start; // the first operation goes out at once
        scheduler.at(cutoffNanos, this::dispatch);
        nemesis.start(history, cutoffNanos, this::threadTaken);
        dispatch();
    }

    /**
     * Hands out operations while a worker is free and the stagger allows. Jepsen's stagger: each
     * operation's gap to the next is uniform in [0, 2/rate) seconds, counted from when it was
     * actually handed out; an operation waits for a free worker.
     */
    private void dispatch() {
        if (mainPhaseOver || abortReason != null) {
            return;
        }
        long now = scheduler.now();
        if (now >= cutoffNanos || options.rate() == 0) {
            if (now >= cutoffNanos) {
                endMainPhase();
            }
            return;
        }
        while (true) {
            if (now < nextOpNanos) {
                if (wakeup != null) {
                    wakeup.cancel();
                }
                wakeup = scheduler.at(nextOpNanos, this::dispatch);
                return;
            }
            Worker worker = nextFreeWorker();
            if (worker == null) {
                return; // dispatched again when a worker frees up
            }
            nextOpNanos = now + (long) (staggerRandom.nextDouble() * 2 * NANOS_PER_SECOND / options.rate());
            perform(worker, workload.next(workloadRandom, now), false, this::dispatch);
        }
    }

    /**
     * Jepsen's choice of worker (generator/context.clj, {@code some-free-process}): the first free
     * one at or after a shared index, wrapping round. The index counts over the workers and the
     * nemesis thread, which comes last; it moves on by one per operation handed out to any thread,
     * the nemesis's included. So when the index stands on the nemesis the pick is the first free
     * worker from 0: with every worker free, node n0 gets two shares of the operations in C + 1.
     */
    private Worker nextFreeWorker() {
        for (int i = 0; i < workers.size(); i++) {
            Worker candidate = workers.get((nextThreadIndex + i) % workers.size());
            if (!candidate.busy) {
                threadTaken();
                return candidate;
            }
        }
        return null;
    }

    /** Jepsen's {@code busy-thread}: any thread taking an operation moves the shared index on by one. */
    private void threadTaken() {
        nextThreadIndex = (nextThreadIndex + 1) % (workers.size() + 1);
    }

    private void endMainPhase() {
        mainPhaseOver = true;
        listener.phase("drain", scheduler.now());
        whenAllWorkersFree(this::startFinalPhase);
    }

    private void whenAllWorkersFree(Runnable next) {
        if (workers.stream().noneMatch(w -> w.busy)) {
            next.run();
        } else {
            for (Worker w : workers) {
                w.onFree = () -> whenAllWorkersFree(next);
            }
        }
    }

    // ---- final phase ---------------------------------------------------------------------------

    private void startFinalPhase() {
        for (Worker w : workers) {
            w.onFree = null;
        }
        if (!workload.hasFinalPhase()) {
            finish();
            return;
        }
        listener.phase("recovery", scheduler.now());
        nemesis.finalHeal(history);
        scheduler.after(RECOVERY_WAIT_MILLIS * NANOS_PER_MILLI, () -> {
            listener.phase("final", scheduler.now());
            long limit = workload.finalPhaseLimitNanos();
            long finalCutoff = limit == Long.MAX_VALUE ? Long.MAX_VALUE : scheduler.now() + limit;
            for (Worker worker : workers) {
                worker.finalSteps = workload.finalSteps();
                runFinal(worker, finalCutoff);
            }
        });
    }

    /** The worker's next final step, after its pause; none starts after {@code cutoffNanos} (Jepsen's time-limit). */
    private void runFinal(Worker worker, long cutoffNanos) {
        if (abortReason != null) {
            return;
        }
        FinalSteps.Step step = scheduler.now() >= cutoffNanos ? null : worker.finalSteps.next(workloadRandom);
        if (step == null) {
            if (++finalPhaseWorkersDone == workers.size()) {
                finish();
            }
            return;
        }
        scheduler.after(step.delayNanos(), () -> {
            if (scheduler.now() >= cutoffNanos) {
                runFinal(worker, cutoffNanos);
            } else {
                perform(worker, step.invocation(), true, () -> runFinal(worker, cutoffNanos));
            }
        });
    }

    private void finish() {
        listener.phase("done", scheduler.now());
        finished = true;
    }

    // ---- one operation -------------------------------------------------------------------------

    /** A worker thread: always talks to the same node; its process id moves on after an info. */
    private final class Worker {
        final int thread;
        final String node;
        Client client;
        WorkloadClient session;
        FinalSteps finalSteps;
        int process;
        boolean needsNewClient;
        boolean busy;
        Runnable onFree;

        Worker(int thread, String node, Client client) {
            this.thread = thread;
            this.node = node;
            this.client = client;
            this.session = workload.openClient();
            this.process = thread;
        }
    }

    private void perform(Worker worker, Invocation invocation, boolean isFinal, Runnable then) {
        if (worker.needsNewClient) {
            worker.client.close(); // a late reply to the old client now has nowhere to go
            worker.client = openClient();
            worker.session = workload.openClient(); // and whatever the old client knew is gone with it
            worker.needsNewClient = false;
        }
        worker.busy = true;
        Op invoke = history.invoke(scheduler.now(), worker.process, invocation.f(), invocation.value(), isFinal);
        Client client = worker.client;
        WorkloadClient.Rpc rpc = (request, schema, handle) -> client.call(worker.node, request, workload.timeoutMillis(options),
                reply -> handle.accept(classify(reply, schema)));
        worker.session.invoke(invocation, rpc, completion -> {
            Op done = history.complete(invoke, scheduler.now(), completion.type(), completion.value(), completion.error());
            listener.operation(done);
            workload.update(done);
            if (isFinal) {
                worker.finalSteps.update(done);
            }
            if (completion.type() == Op.Type.INFO) {
                worker.process += options.concurrency(); // the process "crashed"; the thread carries on as a new one
                worker.needsNewClient = !workload.reusableClients();
            }
            worker.busy = false;
            Runnable onFree = worker.onFree;
            then.run();
            if (onFree != null) {
                onFree.run();
            }
        });
    }

    /** What Maelstrom's client makes of a reply (client.clj): none, an error, one that breaks its schema, or ok. */
    private static RpcResult classify(Body reply, ReplySchema schema) {
        if (reply == null) {
            return new RpcResult.TimedOut();
        }
        if ("error".equals(reply.type())) {
            JsonNode code = reply.json().get("code");
            JsonNode text = reply.json().get("text");
            return Completion.failed(code != null && code.canConvertToInt() ? code.intValue() : -1, text == null ? null : text.asText());
        }
        String problem = schema.problemWith(reply);
        return problem != null ? new RpcResult.Malformed(problem, reply) : new RpcResult.Ok(reply);
    }
}
