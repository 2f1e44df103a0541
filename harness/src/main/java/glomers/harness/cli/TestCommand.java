package glomers.harness.cli;

import glomers.harness.net.Latency;
import glomers.harness.net.Packet;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunOptions.KeyOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.run.Sweep;
import glomers.harness.service.Service;
import glomers.harness.service.Services;
import glomers.harness.workload.Workload;
import glomers.harness.workload.Workloads;
import glomers.harness.workload.broadcast.Topologies;
import glomers.runtime.NodeProgram;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glomers test}: one run of a challenge or a workload, with Maelstrom's options, defaults
 * and naming rules (spec §2.1; maelstrom src/maelstrom/core.clj {@code test-opt-spec},
 * {@code opt-spec}, {@code parse-node-count}; jepsen/cli.clj {@code test-opt-spec},
 * {@code parse-nodes}, {@code parse-concurrency}). Every option is checked before anything starts;
 * a mistake is a {@link UsageError} (exit 254).
 */
@Command(name = "test", sortOptions = false,
        description = {
                "Runs a challenge (1, 2, 3a-3e, 4, 5a-5c, 6a-6c) with its published parameters, or a workload (echo, unique-ids, "
                        + "broadcast, g-counter, kafka, txn-rw-register) with Maelstrom's defaults, and checks the history as Maelstrom does. "
                        + "Options override either.",
                "",
                "Modes, which say what runs the nodes:",
                "  sim:       the module's node class (or --jar's) in-process from its jar, on a",
                "             virtual clock (the default: fast, and a seed replays exactly).",
                "  process:   child processes of --bin (default bin/<module>), started as",
                "             Maelstrom starts them, on wall-clock time.",
                "  maelstrom: the real Maelstrom, with the same parameters and node executable;",
                "             its run lands in the results folder as <time>-<challenge>-real.",
                "",
                "Many seeds: --seeds A..B (or --runs N for 1..N) runs every seed in-process, several at a time,",
                "and prints how many are valid, each figure's min / median / max, and each failing seed with",
                "the command that replays it. The first failing seed's run folder is kept.",
                "",
                "Targets: a challenge's own targets (glomers list shows them; 3d, 3e: msgs-per-op and stable",
                "latencies; 5c: fewer msgs-per-op than the same node's newest valid 5b run with the same options",
                "in the results folder; 2, 6a-6c: total availability) are checked after the verdict and printed",
                "one line each, met or missed. They change the exit status only with --require-targets.",
                "",
                "Exit status, as Maelstrom's: 0 valid, 1 invalid, 2 unknown, 254 bad arguments, 255 aborted",
                "or broken; and the bench's own 3 with --require-targets: valid, but a target missed.",
                "With --seeds: 0 if every seed is valid, 1 if any is invalid, else 255 if any was aborted,",
                "else 2 (some seed is unknown).",
                "With --seeds and --require-targets, a valid seed that missed a target fails too: 3 when",
                "every seed is valid and some missed a target.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  glomers test 3b",
                "      challenge 3b as published: nodes n0 … n4, 20 s at rate 10",
                "  glomers test 3e batch --nemesis partition",
                "      the word batch goes to every node, and partitions are added",
                "  glomers test 3c --seeds 1..100",
                "      3c on seeds 1 to 100 on every processor: which fail, how to replay each",
                "  glomers test 3d --require-targets --seeds 1..20",
                "      exit 3 unless every seed is valid and meets 3d's targets",
                "  glomers test -w broadcast --bin bin/broadcast --topology tree3",
                "      Maelstrom's flags: nodes n1 … n5 as child processes, a tree topology",
                "  glomers test 3b --jar target/glomers-3b.jar --runs 100",
                "      your own node (glomers new 3b made its project) in-process, seeds 1 to 100",
                "",
                "Maelstrom's --log-stderr, --log-net-send, --log-net-recv, --test-count, --leave-db-running, --logging-json, "
                        + "--nodes-file and SSH options are not the bench's; given one, glomers says what to use instead."})
final class TestCommand implements Callable<Integer> {
    /** The three ways to run nodes. */
    enum Mode {
        SIM, PROCESS, MAELSTROM;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CHALLENGE",
            description = "A challenge id (1, 2, 3a … 6c) or a workload name; leave it out when -w names the workload.")
    String first;
    @Parameters(index = "1..*", paramLabel = "NODE-ARG", description = "Words handed to every node, as Maelstrom hands a node the "
            + "non-option words of its command line; a broadcast strategy, say: glomers test 3e batch.")
    List<String> rest = new ArrayList<>();

    @Option(names = {"-w", "--workload"}, paramLabel = "NAME",
            description = "The workload to run, as Maelstrom's -w; every word after the options then goes to the nodes.")
    String workload;
    @Option(names = "--node-count", paramLabel = "N", description = "Runs N nodes named n0 … n(N-1), as Maelstrom names them. "
            + "Default: the challenge's count, or for a workload Jepsen's five nodes n1 … n5.")
    Integer nodeCount;
    @Option(names = "--nodes", paramLabel = "A,B", split = ",", description = "Names the nodes, comma-separated (Jepsen's --nodes). "
            + "--node-count wins over it, as in Maelstrom.")
    List<String> nodes = new ArrayList<>();
    @Option(names = {"-n", "--node"}, paramLabel = "NAME", description = "Adds a node by name; repeat it for more (Jepsen's -n).")
    List<String> node = new ArrayList<>();
    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "How long clients send operations, in whole seconds. Default: 60, or the challenge's.")
    Integer timeLimit;
    @Option(names = "--rate", paramLabel = "OPS",
            description = "Client operations per second over all clients; 0 sends none. Default: 5, or the challenge's.")
    Double rate;
    @Option(names = "--concurrency", paramLabel = "C", description = "Client worker threads: an integer, or <k>n for k times the "
            + "node count. Default: 1n, or the challenge's.")
    String concurrency;
    @Option(names = "--latency", paramLabel = "MS",
            description = "Mean one-way delay between nodes, in whole milliseconds. Default: 0, or the challenge's.")
    Long latency;
    @Option(names = "--latency-dist", paramLabel = "DIST",
            description = "The delay's distribution: constant, uniform or exponential. Default: constant.")
    String latencyDist;
    @Option(names = "--nemesis", paramLabel = "FAULTS", description = "Partition cuts the network apart now and then; none runs "
            + "without. Default: none, or the challenge's.")
    String nemesis;
    @Option(names = "--nemesis-interval", paramLabel = "SECONDS",
            description = "Mean seconds between partition changes. Default: 10.")
    Double nemesisInterval;
    @Option(names = "--availability", paramLabel = "A", description = "The smallest fraction of operations that must succeed: total "
            + "(every one) or a number from 0 to 1. Default: not checked, or the challenge's.")
    String availability;
    @Option(names = "--topology", paramLabel = "T",
            description = "Broadcast's topology: grid, line, tree, tree2, tree3, tree4 or total. Default: grid.")
    String topology;
    @Option(names = "--key-count", paramLabel = "N",
            description = "For kafka and txn-rw-register: keys in use at a time. Default: 10.")
    Integer keyCount;
    @Option(names = "--max-txn-length", paramLabel = "N",
            description = "For txn-rw-register: operations per transaction, at most. Default: 4.")
    Integer maxTxnLength;
    @Option(names = "--max-writes-per-key", paramLabel = "N",
            description = "For kafka and txn-rw-register: writes to a key before it is retired. Default: 16.")
    Integer maxWritesPerKey;
    @Option(names = "--consistency-models", paramLabel = "MODELS", description = "For txn-rw-register: the models Elle checks, "
            + "comma-separated, such as read-committed. Default: strict-serializable, or the challenge's.")
    String consistencyModels;
    @Option(names = "--kafka-assign-every", paramLabel = "K", description = "For kafka: one operation in K comes after an assign; "
            + "64 as in Jepsen 0.3.7 (Maelstrom 0.2.4), 8 as in Jepsen 0.3.1 (Maelstrom 0.2.3). Default: 64.")
    Integer kafkaAssignEvery;
    @Option(names = "--judge-node-order", description = "For txn-rw-register: let the node-order analysis, which the bench always "
            + "reports beside Maelstrom's verdict, count towards the verdict too. It infers version orders from what each node "
            + "observed in turn, and so finds the write cycles (G0) that Maelstrom's own analysis cannot see.")
    boolean judgeNodeOrder;
    @Option(names = "--require-targets", description = "Makes a valid run that misses one of its challenge's targets (see "
            + "Targets) exit with status " + GlomersCommand.TARGETS_MISSED + "; with --seeds, a seed that misses one counts as "
            + "failing. Without it the targets are reported, and the exit status is Maelstrom's.")
    boolean requireTargets;
    @Option(names = "--seed", paramLabel = "SEED",
            description = "The seed every random choice of the run comes from; a sim run replays exactly. Default: 1.")
    Long seed;
    @Option(names = "--seeds", paramLabel = "A..B", description = "Runs every seed from A to B, both included, in sim mode, and "
            + "prints one summary: how many seeds are valid, each figure's spread, and each failing seed with the command that "
            + "replays it. Only the first failing seed's run folder is kept, beside sweep.json.")
    String seeds;
    @Option(names = "--runs", paramLabel = "N", description = "Runs seeds 1 to N, as --seeds 1..N does.")
    Integer runs;
    @Option(names = "--threads", paramLabel = "K",
            description = "With --seeds or --runs: how many seeds run at a time. Default: the number of processors.")
    Integer threads;
    @Option(names = "--keep-all", description = "With --seeds or --runs: keeps every seed's run folder, not only the first "
            + "failing seed's.")
    boolean keepAll;
    @Option(names = "--mode", paramLabel = "MODE", description = "What runs the nodes: sim, process or maelstrom (see Modes). "
            + "Default: sim; --bin alone means process, and --maelstrom means maelstrom.")
    String mode;
    @Option(names = "--maelstrom", paramLabel = "PATH", description = "The real Maelstrom to run; implies --mode maelstrom. "
            + "Default: $MAELSTROM, or maelstrom on PATH.")
    Path maelstrom;
    @Option(names = "--bin", paramLabel = "PATH", description = "The node executable, as Maelstrom's --bin; implies --mode process "
            + "unless --maelstrom is given. Default: bin/<module>.")
    Path bin;
    @Option(names = "--jar", paramLabel = "PATH", description = "Your own node: a jar built on node-runtime (glomers new makes a "
            + "project for one), run in sim mode as the shipped modules are: in-process on the virtual clock. Its classes are read "
            + "first, and its runs watched, for what breaks a simulation (the wall clock, threads, blocking calls).")
    Path jar;
    @Option(names = "--main", paramLabel = "CLASS", description = "With --jar: the class in it that implements NodeProgram. "
            + "Default: the jar's Main-Class.")
    String mainClass;
    @Option(names = "--results", paramLabel = "DIR",
            description = "Where run folders go; created if missing. Default: maelstrom-results/runs.")
    Path results;

    /**
     * A Maelstrom or Jepsen option the bench does not have, and what to do instead.
     *
     * @param valueLabel the value it takes, or null for a flag
     */
    private record Unsupported(String name, String valueLabel, String instead) {
    }

    private static final String NO_SSH = "the bench runs every node on this machine, without SSH (Maelstrom ignores it too): leave it out";
    private static final List<Unsupported> UNSUPPORTED = List.of(
            new Unsupported("--log-stderr", null, "each node's stderr is in <run folder>/node-logs/, and a failing node's last lines "
                    + "are printed"),
            new Unsupported("--log-net-send", null, "every message sent is in <run folder>/journal.jsonl.gz (zcat reads it), "
                    + "and drawn in <run folder>/messages.html"),
            new Unsupported("--log-net-recv", null, "every message received is in <run folder>/journal.jsonl.gz (zcat reads it), "
                    + "and drawn in <run folder>/messages.html"),
            new Unsupported("--test-count", "N", "use --runs N, which runs seeds 1 to N in-process and names each failing "
                    + "seed, or --seed N for one other run"),
            new Unsupported("--leave-db-running", null, "nodes stop when the run ends; what they logged is in <run folder>/node-logs/"),
            new Unsupported("--logging-json", null, "the bench prints plain text; results.json and history.jsonl in the run folder "
                    + "are JSON"),
            new Unsupported("--nodes-file", "FILE", "name the nodes with --nodes a,b or -n a -n b"),
            new Unsupported("--username", "USER", NO_SSH),
            new Unsupported("--password", "PASS", NO_SSH),
            new Unsupported("--strict-host-key-checking", null, NO_SSH),
            new Unsupported("--no-ssh", null, NO_SSH),
            new Unsupported("--ssh-private-key", "FILE", NO_SSH));

    /** Characters a copied command may have where "-" belongs, and their names. */
    private static final Map<Character, String> DASH_LOOKALIKES = Map.of(
            '\u2012', "a figure dash", '\u2013', "an en dash", '\u2014', "an em dash", '\u2212', "a minus sign");

    /**
     * Lets the parser accept the Maelstrom options the bench does not have (hidden from the
     * usage), so that {@link #call} can say what to use instead rather than "Unknown option".
     */
    static void addUnsupportedMaelstromOptions(CommandLine.Model.CommandSpec test) {
        for (Unsupported u : UNSUPPORTED) {
            test.addOption(CommandLine.Model.OptionSpec.builder(u.name()).hidden(true)
                    .arity(u.valueLabel() == null ? "0" : "1").paramLabel(u.valueLabel() == null ? "" : u.valueLabel())
                    .type(u.valueLabel() == null ? boolean.class : String.class).build());
        }
    }

    /** What to run: a challenge (or null) and the workload's defaults or the challenge's parameters. */
    private record Target(Challenge challenge, String module, RunOptions base, List<String> nodeArgs) {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        rejectUnsupportedOptions();
        Target target = target();
        warnAboutDashLookalikes(target.nodeArgs(), err);
        Mode chosen = mode();
        SeedRange range = seedRange(chosen);
        RunOptions options = options(target.base(), err);

        if (requireTargets && target.challenge() == null) {
            throw usage("--require-targets checks a challenge's targets, and a workload run has none; name a challenge instead "
                    + "of a workload", "glomers list (it shows each challenge's targets)");
        }
        if (chosen == Mode.MAELSTROM) {
            if (requireTargets) {
                throw usage("--require-targets checks the bench's results; the real Maelstrom's are in its results.edn, which the "
                        + "bench does not judge: leave out --require-targets or --maelstrom", null);
            }
            if (judgeNodeOrder) {
                throw usage("--judge-node-order is the bench's own analysis; the real Maelstrom does not run it", null);
            }
            if (kafkaAssignEvery != null) {
                throw usage("--kafka-assign-every has no Maelstrom flag: the real Maelstrom's kafka assigns before one operation in 64 "
                        + "from 0.2.4 on (Jepsen 0.3.7) and one in 8 in 0.2.3 (Jepsen 0.3.1); leave it out", null);
            }
            Path real = realMaelstrom();
            Path executable = nodeExecutable(target.module());
            Path resultsParent = resultsParent();
            RunNode node = processNode(target, executable);
            return RealMaelstrom.run(real, options, node, resultsParent, whatRan(target, options, node, options.seed()), err);
        }

        Supplier<NodeProgram> program = null;
        SimGuard guard = null;
        Path executable = null;
        RunNode node;
        if (chosen == Mode.SIM && jar != null) {
            guard = ownJar(target, err);
            program = guard;
            node = RunNode.jar(jar, target.nodeArgs(), NodeJar.strategyOf(program.get()));
        } else if (chosen == Mode.SIM) {
            program = NodeJar.load(GlomersCommand.root(), target.module(), target.nodeArgs(), spec.commandLine());
            node = RunNode.module(target.module(), NodeJar.path(GlomersCommand.root(), target.module()), target.nodeArgs(),
                    NodeJar.strategyOf(program.get()));
        } else {
            executable = nodeExecutable(target.module());
            node = processNode(target, executable);
        }
        try (SimGuard closed = guard) {
            return run(target, options, range, chosen, program, closed, executable, node, err);
        }
    }

    /** Runs what call() has checked and prepared: one run, or a sweep of seeds. */
    private int run(Target target, RunOptions options, SeedRange range, Mode chosen, Supplier<NodeProgram> program, SimGuard guard,
                    Path executable, RunNode node, PrintWriter err) {
        Workload workload = workload(options);
        Path resultsParent = resultsParent();
        ChallengeTarget.Checker targets = ChallengeTarget.Checker.forRuns(target.challenge(), resultsParent, node, options);
        if (range != null) {
            if (guard != null) {
                // A sweep's runs are watched too, but the guard may not look before a short one ends: one run on its own first.
                String why = guard.judge(Runs.inProcess(options.withSeed(range.first()), workload, program)).abortReason();
                if (why != null) {
                    err.println("glomers: no verdict for any seed: on seed " + range.first() + ", " + why);
                    return GlomersCommand.BROKE;
                }
            }
            ManySeeds.Plan plan = new ManySeeds.Plan(whatRan(target, options, node, null), options, program, range.first(),
                    range.last(), threads != null ? threads : Runtime.getRuntime().availableProcessors(), keepAll,
                    commandLine(null, node), seedToReplay -> commandLine(seedToReplay, node), targets);
            return ManySeeds.run(plan, resultsParent, spec.commandLine().getOut(), err);
        }

        ProgressPrinter progress = new ProgressPrinter(err, options);
        ResultsFolder.WhatRan ran = whatRan(target, options, node, options.seed());
        Path folder = ResultsFolder.create(resultsParent, ran.what(), chosen.label(), options.seed());
        SimGuard watching = guard;
        RunResult result = ResultsFolder.journalled(folder, journal -> {
            RunResult r = chosen == Mode.SIM
                    ? Runs.inProcess(options, workload, program, progress, journal)
                    : Runs.processes(options, workload, executable, target.nodeArgs(), progress, journal);
            return watching == null ? r : watching.judge(r);
        }, err);
        List<ChallengeTarget.Checked> checked = targets.check(result);
        String resultsLocation;
        String page = null;
        try {
            ResultsFolder.Written written = ResultsFolder.write(folder, ran, result, checked);
            resultsLocation = written.folder().toString();
            page = written.page();
            if (!Latest.update(written.folder(), ran.group(options))) {
                err.println("glomers: warning: could not point " + resultsParent.resolve(Latest.PREFIX + "-" + ran.group(options))
                        + " at this run");
            }
        } catch (UncheckedIOException e) {
            resultsLocation = "NOT WRITTEN: " + e.getMessage() + " (" + e.getCause().getMessage() + ")";
        }
        Summary.print(spec.commandLine().getOut(), result, checked, requireTargets, resultsLocation, page);
        return ChallengeTarget.exitStatus(result.exitStatus(), checked, requireTargets);
    }

    /**
     * What ran, for run.json and the folder's name; {@code seed} is the run's, for the command
     * that repeats it, or null for a sweep (whose folders each get their own).
     */
    private ResultsFolder.WhatRan whatRan(Target target, RunOptions options, RunNode node, Long seed) {
        return new ResultsFolder.WhatRan(folderName(target, options, node),
                target.challenge() == null ? null : target.challenge().id(), node,
                seed == null ? null : commandLine(seed, node), requireTargets);
    }

    /**
     * The node of a process or maelstrom run: the module, when the executable is its launcher
     * (the default, or --bin naming bin/&lt;module&gt;), with the strategy its jar would choose;
     * any other executable by its file name, its strategy unknown.
     */
    private RunNode processNode(Target target, Path executable) {
        Path launcher = GlomersCommand.root().resolve("bin").resolve(target.module());
        if (bin == null || sameFile(bin, launcher)) {
            return RunNode.module(target.module(), launcher, target.nodeArgs(),
                    NodeJar.strategyOf(GlomersCommand.root(), target.module(), target.nodeArgs(), spec.commandLine()));
        }
        return RunNode.bin(executable, target.nodeArgs());
    }

    /** Whether {@code a} and {@code b} are one file; false when either is missing. */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private UsageError usage(String message, String tryInstead) {
        return new UsageError(spec.commandLine(), message, tryInstead);
    }

    private void rejectUnsupportedOptions() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (Unsupported u : UNSUPPORTED) {
            if (parsed.hasMatchedOption(u.name())) {
                throw usage(u.name() + " is a Maelstrom option the bench does not have: " + u.instead(), null);
            }
        }
    }

    // ---- many seeds ----------------------------------------------------------------------------

    /** The seeds of a sweep, both included. */
    private record SeedRange(long first, long last) {
    }

    /** {@code --seeds A..B}: two seeds from 0 up, small enough to be longs. */
    private static final Pattern SEED_RANGE = Pattern.compile("(\\d{1,18})\\.\\.(\\d{1,18})");

    /** The options only a sweep has; a replay command leaves them out. */
    private static final List<String> SWEEP_OPTIONS = List.of("--seeds", "--runs", "--threads", "--keep-all");

    /** The sweep's seeds from --seeds or --runs, or null for a single run; checked against the other options. */
    private SeedRange seedRange(Mode chosen) {
        if (seeds == null && runs == null) {
            if (threads != null || keepAll) {
                throw usage((threads != null ? "--threads" : "--keep-all") + " goes with --seeds A..B or --runs N, which run many seeds; "
                        + "a single run takes one seed", null);
            }
            return null;
        }
        String given = seeds != null ? "--seeds" : "--runs";
        if (seeds != null && runs != null) {
            throw usage("--seeds and --runs both say which seeds to run; give one (--runs N is --seeds 1..N)", null);
        }
        if (seed != null) {
            throw usage("--seed runs one seed and " + given + " runs many; give one", null);
        }
        if (chosen != Mode.SIM) {
            String how = mode != null ? "--mode " + chosen.label() : maelstrom != null ? "--maelstrom" : "--bin";
            throw usage(given + " runs in sim mode only, where every seed replays exactly and a run takes a fraction of its time; "
                    + how + " runs in real time, where no seed replays: leave out " + how + ", or run one seed at a time", null);
        }
        if (threads != null && threads < 1) {
            throw usage("--threads must be at least 1", null);
        }
        SeedRange range;
        if (runs != null) {
            range = new SeedRange(1, runs);
        } else {
            Matcher m = SEED_RANGE.matcher(seeds.trim());
            if (!m.matches()) {
                throw usage("--seeds takes a range A..B of seeds from 0 up, such as 1..100, not \"" + seeds + "\"",
                        "--seeds 1..100, or --runs 100 for the same");
            }
            range = new SeedRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        if (range.last() < range.first()) {
            throw usage(runs != null ? "--runs must be at least 1" : "--seeds " + seeds + " is empty: the first seed comes first",
                    runs != null ? null : "--seeds " + range.last() + ".." + range.first());
        }
        if (range.last() - range.first() + 1 > Sweep.MAX_SEEDS) {
            throw usage(given + " runs at most " + Sweep.MAX_SEEDS + " seeds at once; split the range", null);
        }
        return range;
    }

    /**
     * This command as typed, for a user to run again: {@code bin/glomers test}, the words, then
     * the options given. With {@code seed}, the command that repeats that one seed: the sweep's
     * own options and any {@code --seed} replaced by {@code --seed N}. When the node was given no
     * words and chose a strategy by itself (its environment variable, or its default), the
     * strategy goes in as a word, so the command repeats the run whatever the environment says.
     * Words that start with "-" go last, after {@code --}, as they must have been typed; any word
     * a shell would split is quoted.
     */
    private String commandLine(Long seed, RunNode node) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        List<String> words = new ArrayList<>();
        if (first != null) {
            words.add(first);
        }
        words.addAll(rest);
        if (node.args().isEmpty() && node.strategy() != null) {
            words.add(node.strategy());
        }
        boolean wordsLast = words.stream().anyMatch(w -> w.startsWith("-"));
        List<String> command = new ArrayList<>(List.of("bin/glomers", "test"));
        if (!wordsLast) {
            command.addAll(words);
        }
        if (seed != null) {
            command.addAll(List.of("--seed", String.valueOf(seed)));
        }
        for (CommandLine.Model.OptionSpec option : parsed.matchedOptions()) {
            if (seed != null && (SWEEP_OPTIONS.contains(option.longestName()) || option.longestName().equals("--seed"))) {
                continue;
            }
            if (option.arity().max() == 0) {
                command.add(option.longestName());
            }
            for (String value : option.arity().max() == 0 ? List.<String>of() : option.originalStringValues()) {
                command.addAll(List.of(option.longestName(), value));
            }
        }
        if (wordsLast) {
            command.add("--");
            command.addAll(words);
        }
        return command.stream().map(TestCommand::shellWord).collect(Collectors.joining(" "));
    }

    /** A word as a POSIX shell reads it back: as it is when it is safe, otherwise in single quotes. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9._,/:=@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    // ---- what to run ---------------------------------------------------------------------------

    private Target target() {
        List<String> words = new ArrayList<>();
        if (first != null) {
            words.add(first);
        }
        words.addAll(rest);
        if (workload != null) {
            if (Challenge.find(workload).isPresent()) {
                throw usage("-w takes a workload, and " + workload + " is a challenge", "glomers test " + workload);
            }
            if (!words.isEmpty() && (Challenge.find(words.get(0)).isPresent() || isWorkload(words.get(0)))) {
                throw usage("-w " + workload + " names the workload, so \"" + words.get(0) + "\" would go to the nodes as a word: "
                        + "give a challenge or -w, not both", null);
            }
            return workloadTarget(workload, words);
        }
        if (words.isEmpty()) {
            throw usage("say which challenge or workload to run (glomers list shows the challenges)", null);
        }
        Challenge challenge = Challenge.find(words.get(0)).orElse(null);
        List<String> nodeArgs = words.subList(1, words.size());
        if (challenge != null) {
            return new Target(challenge, challenge.module(), challenge.options(), nodeArgs);
        }
        return workloadTarget(words.get(0), nodeArgs);
    }

    private Target workloadTarget(String name, List<String> nodeArgs) {
        if (!isWorkload(name)) {
            throw usage("unknown challenge or workload \"" + name + "\"; choose a challenge (" + Challenge.ids() + ") or a workload ("
                    + String.join(", ", Workloads.names()) + ")", null);
        }
        return new Target(null, NodeJar.moduleFor(name), RunOptions.defaults(name), nodeArgs);
    }

    /** The bench's workload for a run; a challenge whose workload the bench does not have yet is a usage error. */
    private Workload workload(RunOptions options) {
        try {
            return Workloads.create(options);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage(), "--maelstrom PATH to run it on the real Maelstrom");
        }
    }

    /** True when {@code name} is one of the bench's workloads (broadcast, kafka, …). */
    static boolean isWorkload(String name) {
        return StreamSupport.stream(Workloads.names().spliterator(), false).anyMatch(name::equals);
    }

    /**
     * The folder name says what sets this run apart: the node ({@link RunNode#folderPart}: an
     * executable's file name, the node's arguments or its strategy), partitions the challenge does
     * not have ({@code -partition}), and partitions it has, left out ({@code -healthy}).
     */
    private static String folderName(Target target, RunOptions options, RunNode node) {
        Challenge challenge = target.challenge();
        boolean partitionsAdded = challenge != null && options.partitions() && !challenge.options().partitions();
        boolean partitionsLeftOut = challenge != null && !options.partitions() && challenge.options().partitions();
        return (challenge != null ? challenge.id() : options.workload()) + node.folderPart()
                + (partitionsAdded ? "-partition" : partitionsLeftOut ? "-healthy" : "");
    }

    /**
     * A word meant as an option but typed with a dash lookalike (Fly.io's 6c page has
     * {@code –-nemesis}) is no option to Maelstrom either: it reaches the nodes as a word, and the
     * run goes on without what it asked for. The bench does the same, and says so.
     */
    private static void warnAboutDashLookalikes(List<String> nodeArgs, PrintWriter err) {
        for (String arg : nodeArgs) {
            String dash = arg.isEmpty() ? null : DASH_LOOKALIKES.get(arg.charAt(0));
            if (dash != null) {
                String meant = "--" + arg.replaceFirst("^[\\u2012\\u2013\\u2014\\u2212-]+", "");
                err.println("glomers: warning: \"" + arg + "\" starts with " + dash + ", not \"-\", so it is no option: every node gets it "
                        + "as a word; did you mean " + meant + "?");
            }
        }
    }

    private Mode mode() {
        Mode chosen = mode != null ? parseMode(mode) : maelstrom != null ? Mode.MAELSTROM : bin != null ? Mode.PROCESS : Mode.SIM;
        if (maelstrom != null && chosen != Mode.MAELSTROM) {
            throw usage("--maelstrom runs the real Maelstrom, so it does not go with --mode " + chosen.label() + "; leave one out", null);
        }
        if (mainClass != null && jar == null) {
            throw usage("--main names the node program in --jar's jar; give --jar PATH too, or leave out --main", null);
        }
        if (jar != null && bin != null) {
            throw usage("--jar runs your node in-process (sim mode) and --bin starts an executable as child processes; give one", null);
        }
        if (jar != null && chosen != Mode.SIM) {
            throw usage("--jar runs your node in sim mode only; to run it as processes (or under --maelstrom), give its launcher "
                    + "with --bin instead", "glomers test " + (first != null ? first : "-w " + workload) + " --bin bin/node "
                    + "(glomers new writes that launcher into your node's project)");
        }
        if (bin != null && chosen == Mode.SIM) {
            throw usage("--bin names an executable to start as child processes, but --mode sim runs the module's node class in-process "
                    + "from its jar; leave out --mode sim (--bin alone means --mode process), or leave out --bin", null);
        }
        return chosen;
    }

    private Mode parseMode(String value) {
        try {
            return Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--mode takes sim, process or maelstrom, not \"" + value + "\"", null);
        }
    }

    // ---- the run's parameters ------------------------------------------------------------------

    /** The base parameters with the options given; every value is checked here, before anything starts. */
    private RunOptions options(RunOptions base, PrintWriter err) {
        try {
            List<String> nodeNames = nodeNames(base, err);
            int workers = concurrency != null ? parseConcurrency(concurrency, nodeNames.size())
                    : base.concurrencyFor(nodeNames.size());
            require(timeLimit == null || timeLimit >= 1, "--time-limit must be at least 1 second");
            require(kafkaAssignEvery == null || kafkaAssignEvery >= 1, "--kafka-assign-every must be at least 1");
            String topologyName = topology != null ? topology.toLowerCase(Locale.ROOT) : base.topology();
            require(Topologies.NAMES.contains(topologyName), "--topology takes " + String.join(", ", Topologies.NAMES)
                    + ", not \"" + topology + "\"");
            KeyOptions txn = base.txn();
            KeyOptions keys = new KeyOptions(
                    keyCount != null ? keyCount : txn.keyCount(),
                    maxTxnLength != null ? maxTxnLength : txn.maxTxnLength(),
                    maxWritesPerKey != null ? maxWritesPerKey : txn.maxWritesPerKey(),
                    consistencyModels != null ? ConsistencyModels.parse(consistencyModels) : txn.consistencyModels(),
                    kafkaAssignEvery != null ? kafkaAssignEvery : txn.kafkaAssignOneIn(),
                    judgeNodeOrder || txn.judgeNodeOrder());
            return new RunOptions(
                    base.workload(),
                    nodeNames,
                    timeLimit != null ? timeLimit : base.timeLimitSeconds(),
                    rate != null ? rate : base.rate(),
                    workers,
                    latency != null ? latency : base.latencyMillis(),
                    latencyDist != null ? Latency.parse(latencyDist) : base.latencyDist(),
                    nemesis != null ? parseNemesis(nemesis) : base.partitions(),
                    nemesisInterval != null ? nemesisInterval : base.nemesisIntervalSeconds(),
                    availability != null ? parseAvailability(availability) : base.availability(),
                    topologyName,
                    keys,
                    seed != null ? seed : base.seed());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage(), null);
        }
    }

    /**
     * Maelstrom's rule: {@code --node-count N} gives n0 … n(N-1) and wins over names; otherwise
     * the names of {@code --nodes} then {@code -n}; otherwise the challenge's nodes, or Jepsen's
     * n1 … n5 for a workload.
     */
    private List<String> nodeNames(RunOptions base, PrintWriter err) {
        List<String> named = new ArrayList<>(nodes.stream().map(String::trim).toList());
        named.addAll(node);
        if (nodeCount != null) {
            if (!named.isEmpty()) {
                err.println("glomers: warning: --node-count " + nodeCount + " wins over the names given with --nodes or -n, as in Maelstrom");
            }
            return RunOptions.nodesCounted(nodeCount);
        }
        if (named.isEmpty()) {
            return base.nodes();
        }
        List<String> services = Services.standard(new Random(0)).stream().map(Service::id).toList();
        for (String name : named) {
            require(!name.isEmpty(), "a node name is empty: " + named);
            require(!Packet.isClient(name), "node name \"" + name + "\" starts with c, and Maelstrom takes every id that starts with c "
                    + "for a client (no latency, no partitions)");
            require(!services.contains(name), "node name \"" + name + "\" is a service's (" + String.join(", ", services) + ")");
        }
        return named;
    }

    /** Jepsen's {@code parse-concurrency}: an integer, or k followed by n for k times the node count. */
    private static int parseConcurrency(String value, int nodeCount) {
        if (!value.matches("\\d{1,6}n?")) {
            throw new IllegalArgumentException("--concurrency takes an integer or <k>n (e.g. 2n), not \"" + value + "\"");
        }
        return value.endsWith("n") ? Integer.parseInt(value.substring(0, value.length() - 1)) * nodeCount : Integer.parseInt(value);
    }

    /** Maelstrom's list of faults, split on commas; partition is the only one, and none (or nothing) turns it off. */
    private static boolean parseNemesis(String value) {
        boolean partition = false;
        for (String fault : value.trim().split("\\s*,\\s*")) {
            switch (fault.toLowerCase(Locale.ROOT)) {
                case "partition" -> partition = true;
                case "none", "" -> { }
                default -> throw new IllegalArgumentException("--nemesis takes partition (or none), not \"" + fault + "\"");
            }
        }
        return partition;
    }

    private static Double parseAvailability(String value) {
        if (value.equalsIgnoreCase("total")) {
            return 1.0;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--availability takes total or a fraction from 0 to 1, not \"" + value + "\"");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    // ---- files ---------------------------------------------------------------------------------

    /**
     * {@code --jar}: the node jar of one's own. Its classes are read first: a call that would make
     * the simulated run differ from the node's run under Maelstrom (the wall clock, threads,
     * blocking) is a usage error naming each one and what to use instead; unseeded randomness is
     * only a warning, since the verdict stands. Its runs are then watched by the guard returned.
     */
    private SimGuard ownJar(Target target, PrintWriter err) {
        String processes = "glomers test " + (target.challenge() != null ? target.challenge().id() : "-w " + target.base().workload())
                + " --bin " + launcherBeside(jar) + " (real processes in real time)";
        if (!Files.isRegularFile(jar)) {
            throw usage("--jar " + jar + (Files.exists(jar) ? " is not a file" : " does not exist"),
                    "mvn package in your node's project, then --jar target/<artifactId>.jar");
        }
        try {
            new JarFile(jar.toFile()).close();
        } catch (IOException e) {
            throw usage("--jar " + jar + " is not a jar that can be read: " + e.getMessage(),
                    "mvn package in your node's project, then --jar target/<artifactId>.jar");
        }
        NodeJar.Opened opened = NodeJar.open(jar, mainClass, "--main CLASS, the class in the jar that implements NodeProgram",
                spec.commandLine());
        List<ClassScan.Finding> findings = ClassScan.scan(jar, opened.program().getName(), NodeJar.class.getClassLoader());
        Map<ClassScan.Breaks, List<ClassScan.Finding>> byKind = findings.stream()
                .collect(Collectors.groupingBy(ClassScan.Finding::breaks, () -> new EnumMap<>(ClassScan.Breaks.class), Collectors.toList()));
        List<String> breaking = new ArrayList<>();
        byKind.forEach((kind, found) -> {
            String calls = found.stream().limit(MAX_FINDINGS_SHOWN).map(Object::toString).collect(Collectors.joining(", "))
                    + (found.size() > MAX_FINDINGS_SHOWN ? " and " + (found.size() - MAX_FINDINGS_SHOWN) + " more" : "");
            String said = calls + ": it " + kind.why + " (use " + kind.instead + ")";
            if (kind.verdictStands()) {
                err.println("glomers: warning: " + said);
            } else {
                breaking.add(said);
            }
        });
        if (!breaking.isEmpty()) {
            throw usage(opened.what() + " cannot be simulated: " + String.join("; ", breaking), processes);
        }
        return new SimGuard(NodeJar.programs(opened, target.nodeArgs(), spec.commandLine()), opened.loader());
    }

    /** Calls named for each kind of break before "and N more". */
    private static final int MAX_FINDINGS_SHOWN = 3;

    /** The launcher glomers new writes beside a project's target/ folder, if it is there; else a placeholder. */
    private static String launcherBeside(Path jar) {
        Path projectFolder = jar.toAbsolutePath().getParent() == null ? null : jar.toAbsolutePath().getParent().getParent();
        Path launcher = projectFolder == null ? null : projectFolder.resolve("bin").resolve("node");
        return launcher != null && Files.isExecutable(launcher) ? shellWord(launcher.toString()) : "<your node's launcher>";
    }

    /** The node executable for process and maelstrom modes: --bin, or the module's launcher in bin/ once its jar is built. */
    private Path nodeExecutable(String module) {
        if (bin != null) {
            requireExecutable(bin, "--bin " + bin, "give the node's executable with --bin PATH");
            return bin;
        }
        NodeJar.requireBuilt(GlomersCommand.root(), module, spec.commandLine());
        Path launcher = GlomersCommand.root().resolve("bin").resolve(module);
        requireExecutable(launcher, "the launcher " + launcher, "give the node's executable with --bin PATH");
        return launcher;
    }

    private Path realMaelstrom() {
        String whereToPoint = "give --maelstrom PATH, set $MAELSTROM, or put maelstrom on your PATH";
        Path real = RealMaelstrom.locate(maelstrom, System.getenv());
        if (real == null) {
            throw usage("no Maelstrom found: " + whereToPoint, null);
        }
        requireExecutable(real, "Maelstrom " + real, whereToPoint);
        return real;
    }

    /** A missing, folder or non-executable path is a usage error; a non-executable file gets the chmod hint. */
    private void requireExecutable(Path path, String what, String whereToPoint) {
        if (!Files.exists(path)) {
            throw usage(what + " does not exist; " + whereToPoint, null);
        }
        if (Files.isDirectory(path)) {
            throw usage(what + " is a folder, not an executable; " + whereToPoint, null);
        }
        if (!Files.isExecutable(path)) {
            throw usage(what + " is not executable", "chmod +x " + path);
        }
    }

    private Path resultsParent() {
        Path parent = results != null ? results : GlomersCommand.root().resolve("maelstrom-results/runs");
        try {
            return ResultsFolder.prepare(parent);
        } catch (IllegalArgumentException e) {
            throw usage("--results: " + e.getMessage(), "--results DIR with a folder you can write to");
        }
    }
}
