package glomers.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Measures a Maelstrom node executable from the outside, as Maelstrom sees it: a process that
 * speaks newline-delimited JSON on stdin and stdout. Run it with {@code bin/benchmark}.
 *
 * <p>Start-up is reported beside a <em>bare JVM</em>: {@link PrintOneLine}, started from a
 * classes directory with default flags, which prints one line and exits. That is the least any
 * Java node can cost, and it is measured in the same run, alternating with the node, so the
 * ratio says how much the node adds on top of the JVM whatever the machine's speed.
 *
 * <ol>
 *   <li><b>Start to init_ok.</b> Maelstrom starts every node and sends {@code init}; the test
 *       begins when all have answered. This is the time from {@code start()} until the node's
 *       {@code init_ok} has been read: JVM boot, loading the node's classes and libraries, and
 *       handling its first message. The bare JVM's figure is start until its line is read.
 *       One process at a time, node and bare alternating; median and min of each, target: the
 *       node's median at most 3x the bare JVM's.</li>
 *   <li><b>Many at once.</b> The later challenges run 25 nodes on one machine, all started
 *       together. On a machine with few cores they compete for CPU, so what counts is the CPU
 *       each start burns, not its latency alone. The time is from the first {@code start()}
 *       until the last {@code init_ok} (or the last bare JVM's line) has been read. Median of
 *       the rounds, target: at most 3x the bare JVMs'.</li>
 *   <li><b>Echo throughput.</b> How many echo round trips per second one node sustains through
 *       its whole path: read a line, parse, dispatch, build the reply, serialise, write. A
 *       writer thread sends all requests without waiting, so this is throughput, not latency.
 *       Every reply is checked: each in_reply_to 1..N exactly once. Two runs on the same node:
 *       the first also warms its JIT up, so the best is reported against the target of 100,000
 *       messages per second, comfortably above anything Maelstrom itself sends.</li>
 *   <li><b>Idle memory.</b> VmRSS of a node that has answered {@code init} and one echo, right
 *       away and after 2 s of idling (which shows memory given back, or threads started
 *       late). Target: at most 64 MB, so 25 nodes fit in 1.6 GB. MB here is 2^20 bytes.</li>
 * </ol>
 *
 * <p>Exit status: 0 when all figures were measured, whether or not they meet their targets;
 * 1 when the node misbehaves (a wrong reply, a crash, a timeout: every wait is bounded by
 * {@link Limits#SINGLE_WAIT}) or the benchmark cannot run; 2 for a bad command line. Every
 * process started is killed and reaped before the benchmark exits.
 */
public final class NodeBenchmark {
    static final double MAX_START_RATIO = 3;
    static final double MAX_FLEET_RATIO = 3;
    static final double MIN_ECHOS_PER_SECOND = 100_000;
    static final double MAX_IDLE_MB = 64;

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    /** Set by bin/benchmark; otherwise derived from where this class was loaded from. */
    private static final String ROOT_PROPERTY = "glomers.root";
    private static final String JAVA_PROPERTY = "glomers.java";
    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private NodeBenchmark() {
    }

    /** The processes' stderr log of the run in progress, for the shutdown hook to tidy away. */
    private static volatile Path currentStderrLog;

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(NodeBenchmark::onShutdown, "kill children"));
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Path root = repositoryRoot();
        if (Options.wantsHelp(args)) {
            out.println(Options.USAGE);
            out.println("defaults: --bin " + root.resolve("bin/echo") + " " + Options.defaults(null).describe());
            return EXIT_OK;
        }
        Options options;
        try {
            options = Options.parse(args, root.resolve("bin").resolve("echo"));
        } catch (Options.UsageException e) {
            err.println("benchmark: " + e.getMessage());
            err.println(Options.VALID_OPTIONS);
            return EXIT_USAGE;
        }
        Path bin = options.bin().toAbsolutePath().normalize();
        if (!Files.isRegularFile(bin) || !Files.isExecutable(bin)) {
            err.println("benchmark: --bin " + bin + " is not an executable file");
            err.println(Options.VALID_OPTIONS);
            return EXIT_USAGE;
        }
        Path classes = root.resolve("benchmarks/target/classes");
        if (!Files.isRegularFile(classes.resolve(PrintOneLine.class.getName().replace('.', '/') + ".class"))) {
            err.println("benchmark: the baseline class is missing from " + classes + ". Build it with:");
            err.println("  mvn -q -f " + root.resolve("pom.xml") + " package -DskipTests");
            return EXIT_FAILED;
        }
        return runMeasurements(options, bin, javaCommand(), classes, out, err);
    }

    private static int runMeasurements(Options options, Path bin, String java, Path classes,
            PrintStream out, PrintStream err) {
        Path stderrLog = null;
        boolean keepLog = false;
        try {
            stderrLog = createStderrLog();
            currentStderrLog = stderrLog;
            Spawner spawner = new Spawner(bin, java, classes, stderrLog);
            Report report = new Report(out);
            header(report, options, bin, java, spawner);
            report.tableHeader();
            measureAll(report, spawner, options, err);
            report.summary();
            return EXIT_OK;
        } catch (BenchmarkFailure failure) {
            Child.killAllLive();
            out.flush();
            err.println("benchmark: FAILED: " + failure.getMessage());
            keepLog = showStderrTail(stderrLog, err);
            return EXIT_FAILED;
        } finally {
            Child.killAllLive();
            if (!keepLog) {
                deleteQuietly(stderrLog);
            }
        }
    }

    /** Also on SIGTERM or Ctrl-C: no child outlives the benchmark, and an empty log is removed. */
    private static void onShutdown() {
        Child.killAllLive();
        Path log = currentStderrLog;
        try {
            if (log != null && Files.exists(log) && Files.size(log) == 0) {
                Files.delete(log);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }

    private static void header(Report report, Options options, Path bin, String java, Spawner spawner) {
        report.title("glomers node benchmark");
        report.headerLine("date", ZonedDateTime.now().format(DATE_FORMAT));
        report.headerLine("java", firstLineOf(List.of(java, "-version")));
        report.headerLine("nproc", nproc());
        report.headerLine("--bin", bin.toString());
        report.headerLine("options", options.describe());
        report.headerLine("baseline", String.join(" ", spawner.bareCommand()) + " (default JVM flags)");
    }

    private static void measureAll(Report report, Spawner spawner, Options options, PrintStream progress) {
        StartupBench.Result starts = measureStarts(report, spawner, options, progress);
        FleetBench.Result fleets = measureFleets(report, spawner, options, progress);
        List<ThroughputBench.Run> runs = measureThroughput(report, spawner, options, progress);
        MemoryBench.Result memory = measureMemory(report, spawner, progress);
        notes(report, memory);
        samples(report, starts, fleets, runs);
    }

    private static StartupBench.Result measureStarts(Report report, Spawner spawner, Options options,
            PrintStream progress) {
        progress.printf(Locale.ROOT, "benchmark: start to init_ok, %d node and %d bare JVM starts...%n",
                options.starts(), options.starts());
        StartupBench.Result starts = StartupBench.run(spawner, options.starts());
        report.ratioRow("start to init_ok, median of " + options.starts(),
                Stats.median(starts.nodeNanos()), Stats.median(starts.bareNanos()), MAX_START_RATIO);
        report.ratioRow("start to init_ok, min of " + options.starts(),
                Stats.min(starts.nodeNanos()), Stats.min(starts.bareNanos()), Double.NaN);
        return starts;
    }

    private static FleetBench.Result measureFleets(Report report, Spawner spawner, Options options,
            PrintStream progress) {
        progress.printf(Locale.ROOT, "benchmark: %d at once, %s each...%n",
                options.nodes(), plural(options.rounds(), "round"));
        FleetBench.Result fleets = FleetBench.run(spawner, options.nodes(), options.rounds());
        report.ratioRow(options.nodes() + " at once, median of " + plural(options.rounds(), "round"),
                Stats.median(fleets.nodeNanos()), Stats.median(fleets.bareNanos()), MAX_FLEET_RATIO);
        report.ratioRow(options.nodes() + " at once, until all also answered an echo",
                Stats.median(fleets.nodeReadyNanos()), Stats.median(fleets.bareNanos()), Double.NaN);
        return fleets;
    }

    /** Best run first, held against the target; the other is shown beside it. */
    private static List<ThroughputBench.Run> measureThroughput(Report report, Spawner spawner, Options options,
            PrintStream progress) {
        progress.printf(Locale.ROOT, "benchmark: echo throughput, %d runs of %,d messages...%n",
                Limits.THROUGHPUT_RUNS, options.messages());
        List<ThroughputBench.Run> runs = ThroughputBench.run(spawner, options.messages());
        List<ThroughputBench.Run> bestFirst = runs.stream()
                .sorted(Comparator.comparingDouble(ThroughputBench.Run::perSecond).reversed())
                .collect(Collectors.toList());
        for (int i = 0; i < bestFirst.size(); i++) {
            ThroughputBench.Run run = bestFirst.get(i);
            String label = "echo throughput, " + (i == 0 ? "best" : "other") + " (run " + run.number()
                    + (run.number() == 1 ? ", warm-up)" : ")");
            report.throughputRow(label, run.perSecond(), i == 0 ? MIN_ECHOS_PER_SECOND : Double.NaN);
        }
        return runs;
    }

    private static MemoryBench.Result measureMemory(Report report, Spawner spawner, PrintStream progress) {
        progress.printf(Locale.ROOT, "benchmark: idle memory, %s idle...%n", Limits.seconds(Limits.IDLE_PERIOD));
        MemoryBench.Result memory = MemoryBench.run(spawner);
        report.memoryRow("idle RSS, right after a reply", megabytes(memory.afterReplyKb()), MAX_IDLE_MB);
        report.memoryRow("idle RSS, after " + Limits.seconds(Limits.IDLE_PERIOD) + " idle",
                megabytes(memory.afterIdleKb()), MAX_IDLE_MB);
        return memory;
    }

    private static void notes(Report report, MemoryBench.Result memory) {
        report.section("notes");
        report.note("Both echo runs go to one node process, one after the other: run 1 also warms the node up"
                + " (JIT).");
        report.note("Throughput is from the first write to the last echo_ok read; every in_reply_to 1..N was"
                + " seen exactly once.");
        report.note("Ratios are node / bare JVM, measured alternately in this run.");
        if (memory.afterReplyKb().isEmpty()) {
            report.note("Memory: /proc/<pid>/status could not be read, so idle RSS was not measured.");
        } else if (memory.processes() > 1) {
            report.note("Memory: RSS summed over the node's " + memory.processes()
                    + " processes (launcher and children).");
        }
    }

    private static void samples(Report report, StartupBench.Result starts, FleetBench.Result fleets,
            List<ThroughputBench.Run> runs) {
        report.section("samples, in the order measured");
        report.sample("start, node", "ms", millisList(starts.nodeNanos()));
        report.sample("start, bare JVM", "ms", millisList(starts.bareNanos()));
        report.sample("at once, node", "ms", millisList(fleets.nodeNanos()));
        report.sample("at once, node ready", "ms", millisList(fleets.nodeReadyNanos()));
        report.sample("at once, bare JVM", "ms", millisList(fleets.bareNanos()));
        report.sample("echo runs", "msg/s", runs.stream()
                .map(run -> String.format(Locale.ROOT, "%,.0f", run.perSecond()))
                .collect(Collectors.joining("  ")));
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String millisList(long[] nanos) {
        return LongStream.of(nanos)
                .mapToObj(n -> String.format(Locale.ROOT, "%.1f", n / 1e6))
                .collect(Collectors.joining("  "));
    }

    static double megabytes(OptionalLong kilobytes) {
        return kilobytes.isPresent() ? kilobytes.getAsLong() / 1024.0 : Double.NaN;
    }

    /** The java that bin/benchmark chose; else as the launchers choose: $JAVA_HOME/bin/java if set, else java. */
    static String javaCommand() {
        String chosen = System.getProperty(JAVA_PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isEmpty() && Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
            return Path.of(javaHome, "bin", "java").toString();
        }
        return "java";
    }

    /** The repository: from bin/benchmark, or three levels above benchmarks/target/{classes,benchmarks.jar}. */
    static Path repositoryRoot() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root != null && !root.isBlank()) {
            return Path.of(root).toAbsolutePath().normalize();
        }
        try {
            Path loadedFrom = Path.of(NodeBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return loadedFrom.toAbsolutePath().getParent().getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static String nproc() {
        try {
            return firstLineOf(List.of("nproc"));
        } catch (BenchmarkFailure e) {
            return Runtime.getRuntime().availableProcessors() + " (from the JVM; nproc did not run)";
        }
    }

    /** The first line a short command prints on stdout or stderr. */
    private static String firstLineOf(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        try (Child child = Child.start(command.get(0), builder)) {
            child.closeStdin();
            return child.readLine(Limits.SINGLE_WAIT, "output");
        }
    }

    private static Path createStderrLog() {
        try {
            return Files.createTempFile("glomers-benchmark-", ".stderr.log");
        } catch (IOException e) {
            throw new BenchmarkFailure("cannot create a temporary file for the processes' stderr: "
                    + e.getMessage(), e);
        }
    }

    /** Shows the end of the processes' stderr; true if there was any, so the log is worth keeping. */
    private static boolean showStderrTail(Path stderrLog, PrintStream err) {
        if (stderrLog == null) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(stderrLog);
            if (lines.isEmpty()) {
                return false;
            }
            List<String> tail = lines.subList(Math.max(0, lines.size() - Limits.STDERR_TAIL_LINES), lines.size());
            err.println("benchmark: the last " + tail.size() + " lines the processes wrote to stderr (all of it in "
                    + stderrLog + "):");
            tail.forEach(line -> err.println("  | " + line));
            return true;
        } catch (IOException e) {
            err.println("benchmark: could not read the processes' stderr from " + stderrLog + ": "
                    + e.getMessage());
            return true;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
