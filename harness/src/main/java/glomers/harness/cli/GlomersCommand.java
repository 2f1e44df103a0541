package glomers.harness.cli;

import glomers.harness.net.Latency;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.Workload;
import glomers.harness.workload.Workloads;
import glomers.runtime.NodeProgram;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glomers}: the local test bench's command line. {@code bin/glomers} starts it with the
 * repository root in the system property {@code glomers.root}.
 */
// INHERIT: every subcommand gets -h/--help and -V/--version too, so "Try: glomers test --help" works.
@Command(name = "glomers", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "glomers 0.1.0",
        description = "Runs Gossip Glomers challenges on a local, Maelstrom-compatible test bench.",
        subcommands = {GlomersCommand.ListCommand.class, GlomersCommand.TestCommand.class, SpeedCommand.class})
public final class GlomersCommand implements Runnable {
    /** Maelstrom's exit status for bad command-line arguments. */
    static final int BAD_ARGUMENTS = 254;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: glomers list, or glomers test <challenge>");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new GlomersCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args) -> {
                    PrintWriter err = e.getCommandLine().getErr();
                    err.println("glomers: " + e.getMessage());
                    err.println("Try: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
                    return BAD_ARGUMENTS;
                });
    }

    static Path root() {
        return Path.of(System.getProperty("glomers.root", ".")).toAbsolutePath().normalize();
    }

    @Command(name = "list", description = "The challenges and their published Maelstrom parameters.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-4s %-48s %-16s %-10s %s%n", "id", "challenge", "module", "jar", "maelstrom test flags / targets");
            for (Challenge c : Challenge.ALL) {
                String state = !Files.isDirectory(root().resolve(c.module())) ? "to come"
                        : Files.exists(NodeJar.path(root(), c.module())) ? "built" : "not built";
                out.printf("%-4s %-48s %-16s %-10s %s%n", c.id(), c.title(), c.module(), state, c.flags());
                out.printf("%-4s %-48s %-16s %-10s   %s%n", "", "", "", "", c.targets());
            }
            return 0;
        }
    }

    @Command(name = "test", description = {
            "Runs a challenge (1, 2, 3a-3e, 4, 5a-5c, 6a-6c) with its published parameters,",
            "or a workload (echo, unique-ids, broadcast, g-counter) with the options given.",
            "Exit status as Maelstrom's: 0 valid, 1 invalid, 2 unknown, 254 bad arguments, 255 aborted."})
    static final class TestCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CHALLENGE", description = "a challenge id or a workload name")
        String target;

        @Option(names = "--node-count", paramLabel = "N", description = "nodes (default: the challenge's)") Integer nodeCount;
        @Option(names = "--time-limit", paramLabel = "SECONDS", description = "how long clients send operations") Integer timeLimit;
        @Option(names = "--rate", paramLabel = "OPS", description = "client operations per second, over all clients") Double rate;
        @Option(names = "--concurrency", paramLabel = "C", description = "an integer, or <k>n for k times the node count") String concurrency;
        @Option(names = "--latency", paramLabel = "MS", description = "mean one-way network delay") Long latency;
        @Option(names = "--latency-dist", paramLabel = "DIST", description = "constant, uniform or exponential") Latency latencyDist;
        @Option(names = "--nemesis", paramLabel = "NEMESIS", description = "partition, or none") String nemesis;
        @Option(names = "--nemesis-interval", paramLabel = "SECONDS", description = "mean seconds between partition changes (default 10)") Double nemesisInterval;
        @Option(names = "--availability", paramLabel = "A", description = "total, or a fraction from 0 to 1") String availability;
        @Option(names = "--topology", paramLabel = "T", description = "grid, line, tree, tree2, tree3, tree4 or total") String topology;
        @Option(names = "--seed", paramLabel = "SEED", description = "the run's seed (default 1)") Long seed;
        @Option(names = "--mode", paramLabel = "MODE", description = {
                "sim: the challenge's node in-process on a virtual clock (fast, deterministic; the default)",
                "process: child processes of --bin on wall-clock time, as Maelstrom runs them",
                "maelstrom: the real Maelstrom with the same parameters (see --maelstrom)"}) String mode = "sim";
        @Option(names = "--maelstrom", paramLabel = "PATH", description = "the real Maelstrom to run (implies --mode maelstrom; "
                + "without it --mode maelstrom uses $MAELSTROM or a maelstrom on PATH)") Path maelstrom;
        @Option(names = "--bin", paramLabel = "PATH", description = "the node executable for --mode process (default: bin/<module>)") Path bin;
        @Option(names = "--results", paramLabel = "DIR", description = "where run folders go (default: maelstrom-results/runs)") Path results;
        @Parameters(index = "1..*", paramLabel = "NODE-ARG", description = {
                "words handed to every node, as Maelstrom hands a node the non-option words of its command line",
                "(e.g. a broadcast strategy: glomers test 3e batch)"}) List<String> nodeArgs = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Challenge challenge = Challenge.find(target).orElse(null);
            RunOptions base = challenge != null ? challenge.options() : RunOptions.defaults(workloadName());
            String module = challenge != null ? challenge.module() : NodeJar.moduleFor(base.workload());
            RunOptions options = override(base);
            if (maelstrom != null) {
                mode = "maelstrom";
            }
            if (!List.of("sim", "process", "maelstrom").contains(mode)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--mode takes sim, process or maelstrom, not \"" + mode + "\"");
            }
            Path resultsParent = results != null ? results : root().resolve("maelstrom-results/runs");
            // The folder name says what sets this run apart: the node's arguments, and partitions the challenge does not have.
            String what = (challenge != null ? challenge.id() : options.workload())
                    + nodeArgs.stream().map(arg -> "-" + arg.replaceAll("[^A-Za-z0-9._-]", "_")).collect(Collectors.joining())
                    + (challenge != null && options.partitions() && !challenge.options().partitions() ? "-partition" : "");
            if (mode.equals("maelstrom")) {
                Path real = RealMaelstrom.locate(maelstrom, System.getenv());
                if (real == null || !java.nio.file.Files.isExecutable(real)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), (real == null ? "no Maelstrom found" : real + " is not executable")
                            + ": give --maelstrom PATH, set $MAELSTROM, or put maelstrom on your PATH");
                }
                return RealMaelstrom.run(real, options, executable(module), nodeArgs, resultsParent, what);
            }
            if (bin != null && mode.equals("sim")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--bin goes with --mode process (sim runs the module's jar in-process)");
            }
            ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), options);
            RunResult result;
            if (mode.equals("sim")) {
                Supplier<NodeProgram> program = NodeJar.load(root(), module, nodeArgs, spec.commandLine());
                result = Runs.inProcess(options, workload(options), program, progress);
            } else {
                result = Runs.processes(options, workload(options), executable(module), nodeArgs, progress);
            }
            Path folder = ResultsFolder.write(resultsParent, what, nodeArgs, result);
            Summary.print(out, result, folder);
            return result.exitStatus();
        }

        /** The node executable: --bin, or the module's launcher in bin/. */
        private Path executable(String module) {
            Path executable = bin != null ? bin : root().resolve("bin").resolve(module);
            if (!java.nio.file.Files.isExecutable(executable)) {
                throw new CommandLine.ParameterException(spec.commandLine(), executable + " is not an executable file; give the node with --bin PATH");
            }
            return executable;
        }

        private Workload workload(RunOptions options) {
            try {
                return Workloads.create(options.workload());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private String workloadName() {
            for (String name : Workloads.names()) {
                if (name.equals(target)) {
                    return name;
                }
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown challenge or workload \"" + target
                    + "\"; choose a challenge (" + Challenge.ids() + ") or a workload (" + String.join(", ", Workloads.names()) + ")");
        }

        private RunOptions override(RunOptions base) {
            int nodes = nodeCount != null ? nodeCount : base.nodeCount();
            try {
                return new RunOptions(
                        base.workload(),
                        nodes,
                        timeLimit != null ? timeLimit : base.timeLimitSeconds(),
                        rate != null ? rate : base.rate(),
                        concurrency != null ? parseConcurrency(concurrency, nodes) : (nodeCount != null && base.concurrency() % base.nodeCount() == 0
                                ? base.concurrency() / base.nodeCount() * nodes : base.concurrency()),
                        latency != null ? latency : base.latencyMillis(),
                        latencyDist != null ? latencyDist : base.latencyDist(),
                        nemesis != null ? parseNemesis(nemesis) : base.partitions(),
                        nemesisInterval != null ? nemesisInterval : base.nemesisIntervalSeconds(),
                        availability != null ? parseAvailability(availability) : base.availability(),
                        topology != null ? topology : base.topology(),
                        seed != null ? seed : base.seed());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private int parseConcurrency(String value, int nodes) {
            try {
                return value.endsWith("n") ? Integer.parseInt(value.substring(0, value.length() - 1)) * nodes : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--concurrency takes an integer or <k>n (e.g. 2n), not \"" + value + "\"");
            }
        }

        private boolean parseNemesis(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "partition" -> true;
                case "none", "" -> false;
                default -> throw new IllegalArgumentException("--nemesis takes partition (or none), not \"" + value + "\"");
            };
        }

        private Double parseAvailability(String value) {
            if (value.equals("total")) {
                return 1.0;
            }
            try {
                return Double.valueOf(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--availability takes total or a fraction from 0 to 1, not \"" + value + "\"");
            }
        }
    }

    /** The names a user can type, for messages. */
    static List<String> challengeIds() {
        return Challenge.ALL.stream().map(Challenge::id).toList();
    }
}
