package glomers.harness.cli;

import com.sun.management.OperatingSystemMXBean;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.run.Sweep;
import glomers.harness.workload.Workloads;
import glomers.runtime.NodeProgram;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast the bench itself is, against its three targets, with the default broadcast node (the
 * broadcast module's jar, as {@code glomers test 3d} runs it):
 * <ol>
 *   <li><b>a 3d run</b> in-process: at most {@value #RUN_TARGET_SECONDS} s wall per run (1/100
 *       of its 30 s of simulated time). The median of {@code --runs} runs, one at a time, after
 *       {@code --warm-up} runs ({@value #WARM_UP_RUNS}) that warm the JIT up;</li>
 *   <li><b>a sweep of 3c</b> (3b with partitions) over seeds 1..{@code --seeds} (1,000), as
 *       {@code glomers test 3c --seeds 1..1000} runs it, on every core: at most
 *       {@value #SWEEP_TARGET_SECONDS} s wall;</li>
 *   <li><b>the memory of a 3d run</b>: {@code glomers test 3d} in a new JVM started with this
 *       one's options (bin/glomers': the serial collector) and C1 alone, as bin/glomers starts a
 *       single run; its peak resident set (VmHWM): at most {@value #MEMORY_TARGET_MIB} MiB;</li>
 *   <li><b>a cold 6c run</b>: seed 1 of 6c with the txn-rw-register module's jar, run and checked
 *       (Maelstrom's analysis and the node-order one) in a new JVM, with C1 alone as bin/glomers
 *       starts a single run: at most {@value #COLD_RUN_TARGET_SECONDS} s wall for the run and its
 *       checks (the figure {@code glomers test 6c} prints as "run took"), with the JVM's start
 *       and the time to load the bench and the node given beside it.</li>
 * </ol>
 * Each time is also given as CPU time: for a run, its thread's CPU time plus the collector's
 * pauses; for the sweep, the whole process's (user + sys, the JIT's and the collector's threads
 * too) per sweep thread. On a machine shared with other work the wall time grows and the CPU time
 * hardly does, so a time target counts as met when either is within it; the line says which. {@code --check} exits 1 when a target is missed:
 * the bench's benchmark command, so a change that slows it down is caught.
 */
@Command(name = "speed", description = {
        "Measures the bench against its targets: with the default broadcast node, one 3d run in-process (at most 0.3 s),"
                + " a 3c sweep over 1,000 seeds (at most 60 s) and the memory of a 3d run (at most 256 MiB resident);"
                + " with the default txn-rw-register node, a 6c run and its checks in a new JVM (at most 3 s).",
        "--check exits 1 if a target is missed."})
final class SpeedCommand implements Callable<Integer> {
    static final double RUN_TARGET_SECONDS = 0.3;
    static final double SWEEP_TARGET_SECONDS = 60;
    static final long MEMORY_TARGET_MIB = 256;
    static final double COLD_RUN_TARGET_SECONDS = 3;
    /** The JIT option bin/glomers gives a single run (and so the cold-run probe's JVM). */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /** 3d runs before the timed ones, by default: by then the JIT has compiled the hot paths. */
    static final int WARM_UP_RUNS = 20;
    /** The node counts of {@code --scaling}: 3d's parameters, more nodes. */
    static final int[] SCALING_NODE_COUNTS = {25, 50, 100, 200};
    /** What the memory probe prints before its figure. */
    private static final String PEAK_LINE = "peak-resident-kib ";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", description = "Timed 3d runs (seeds 1 to N), after the warm-up. Default: 10.")
    int runs = 10;

    @Option(names = "--warm-up", paramLabel = "N", description = "3d runs before the timed ones, to warm the JIT up. Default: 20.")
    int warmUp = WARM_UP_RUNS;

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds of the 3c sweep, 1 to N. Default: 1000.")
    long seeds = 1000;

    @Option(names = "--threads", paramLabel = "K", description = "Threads of the sweep. Default: the number of processors.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--check", description = "Exit 1 if a target is missed.")
    boolean check;

    @Option(names = "--scaling", description = "Also time one run of 3d's parameters with 25, 50, 100 and 200 nodes:"
            + " the cost per message as the cluster grows.")
    boolean scaling;

    /** In the new JVM of the memory figure: run glomers test 3d with its results under DIR, then print the peak. */
    @Option(names = "--memory-probe", paramLabel = "DIR", hidden = true)
    Path memoryProbe;

    /** In the new JVM of the cold-run figure: run and check 6c, then print its figures. */
    @Option(names = "--cold-run-probe", hidden = true)
    boolean coldRunProbe;

    /** What the cold-run probe prints before its figures. */
    private static final String COLD_RUN_LINE = "cold-run ";

    /** One figure against its target. */
    record Figure(String line, boolean met) {
    }

    @Override
    public Integer call() throws Exception {
        if (memoryProbe != null) {
            return probeMemory(memoryProbe);
        }
        if (coldRunProbe) {
            return probeColdRun();
        }
        if (runs < 1 || seeds < 1 || threads < 1 || warmUp < 0) {
            throw new UsageError(spec.commandLine(), "--runs, --seeds and --threads must be at least 1, --warm-up at least 0",
                    "glomers speed --runs 10");
        }
        PrintWriter out = spec.commandLine().getOut();
        Supplier<NodeProgram> broadcast = NodeJar.load(GlomersCommand.root(), "broadcast", List.of(), spec.commandLine());
        out.printf(Locale.ROOT, "glomers speed: %d processors, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.flush();
        List<Figure> figures = new ArrayList<>();
        for (Supplier<Figure> figure : List.<Supplier<Figure>>of(() -> runs3d(broadcast), () -> sweep3c(broadcast), this::memory,
                this::coldRun)) {
            Figure f = figure.get();
            out.println(f.line());
            out.flush();
            figures.add(f);
        }
        if (scaling) {
            scaling(broadcast, out);
        }
        long missed = figures.stream().filter(f -> !f.met()).count();
        out.println(missed == 0 ? "every target met" : missed + " of " + figures.size() + " targets missed");
        return check && missed > 0 ? 1 : 0;
    }

    /** Figure 1: the median 3d run, after the warm-up. */
    private Figure runs3d(Supplier<NodeProgram> broadcast) {
        RunOptions c3d = Challenge.find("3d").orElseThrow().options();
        for (int i = 1; i <= warmUp; i++) {
            timed(c3d.withSeed(1000 + i), broadcast); // other seeds than the timed ones
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        Timed last = null;
        for (int i = 0; i < runs; i++) {
            last = timed(c3d.withSeed(i + 1), broadcast);
            wall[i] = last.wallSeconds;
            cpu[i] = last.cpuSeconds;
        }
        double wallMedian = median(wall);
        double cpuMedian = median(cpu);
        double simulated = last.result.simulatedNanos() / 1e9;
        long messages = last.result.results().at("/net/all/msg-count").asLong();
        String node = last.result.nodeLogs().getOrDefault("n0", List.of()).stream().findFirst().orElse("").replaceFirst(".*? n0 ", "");
        return judge(String.format(Locale.ROOT, "3d run              %.3f s wall, %.3f s CPU (medians of %d runs after %d to warm up);"
                        + " 1/%.0f of its %.0f s simulated; %,d messages (seed %d), %.1f µs CPU a message; node: %s",
                wallMedian, cpuMedian, runs, warmUp, simulated / wallMedian, simulated, messages, runs,
                cpuMedian * 1e6 / messages, node), wallMedian, cpuMedian, RUN_TARGET_SECONDS, "s");
    }

    /** Figure 2: the 3c sweep, as glomers test 3c --seeds 1..N runs it. */
    private Figure sweep3c(Supplier<NodeProgram> broadcast) {
        RunOptions c3c = Challenge.find("3c").orElseThrow().options();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        List<Sweep.SeedResult> results = Sweep.run(c3c, 1, seeds, broadcast, threads);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        long valid = results.stream().filter(Sweep.SeedResult::valid).count();
        String line = String.format(Locale.ROOT, "3c sweep            %.1f s wall, %.1f s CPU (%.1f s a thread) for seeds 1..%d on %d threads,"
                + " %d of %d valid", wall, cpu, cpu / threads, seeds, threads, valid, seeds);
        Figure figure = judge(line, wall, cpu / threads, SWEEP_TARGET_SECONDS * seeds / 1000.0, "s"); // 60 s a thousand seeds
        return valid == seeds ? figure : new Figure(figure.line() + "; NOT ALL VALID", false);
    }

    /** Figure 3: glomers test 3d in a new JVM with this one's options; its peak resident memory. */
    private Figure memory() {
        Path results;
        try {
            results = Files.createTempDirectory("glomers-speed");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the memory figure's run", e);
        }
        List<String> output;
        try {
            output = probe("the memory figure", singleRunJit(), "--memory-probe", results.toString());
        } finally {
            deleteTree(results);
        }
        long peakKib = output.stream().filter(line -> line.startsWith(PEAK_LINE))
                .mapToLong(line -> Long.parseLong(line.substring(PEAK_LINE.length()).trim())).findFirst().orElse(-1);
        if (peakKib < 0) {
            return new Figure("3d memory           not measured: the probe said " + String.join(" / ", output), false);
        }
        double mib = peakKib / 1024.0;
        return new Figure(String.format(Locale.ROOT, "3d memory           %.0f MiB peak resident (glomers test 3d in a new JVM, VmHWM)"
                + "   target ≤ %d MiB: %s", mib, MEMORY_TARGET_MIB, mib <= MEMORY_TARGET_MIB ? "met" : "MISSED"), mib <= MEMORY_TARGET_MIB);
    }

    /** Figure 4: a 6c run and its checks in a new JVM, as bin/glomers starts a single run. */
    private Figure coldRun() {
        List<String> output = probe("the cold-run figure", singleRunJit(), "--cold-run-probe");
        String[] figures = output.stream().filter(line -> line.startsWith(COLD_RUN_LINE)).findFirst()
                .map(line -> line.substring(COLD_RUN_LINE.length()).trim().split(" ")).orElse(null);
        if (figures == null) {
            return new Figure("6c run, cold        not measured: the probe said " + String.join(" / ", output), false);
        }
        double runWall = Long.parseLong(figures[0]) / 1e3;
        double fromStart = Long.parseLong(figures[1]) / 1e3;
        double cpu = Long.parseLong(figures[2]) / 1e9;
        String line = String.format(Locale.ROOT, "6c run, cold        %.2f s wall for the run and its checks (seed 1, %s ops, valid %s),"
                + " %.2f s from the JVM's start, %.1f s CPU, in a new JVM", runWall, figures[3], figures[4], fromStart, cpu);
        int cores = Runtime.getRuntime().availableProcessors();
        Figure figure = judge(line, runWall, cpu / cores, COLD_RUN_TARGET_SECONDS, "s");
        return figures[4].equals("true") ? figure : new Figure(figure.line() + "; NOT VALID", false);
    }

    /**
     * The JIT option of a probe's JVM: C1 alone, as bin/glomers starts a single run, unless this
     * JVM was given a choice of its own (GLOMERS_BENCH_JAVA_OPTS), which the probe then inherits.
     */
    private static List<String> singleRunJit() {
        boolean chosen = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(option -> option.startsWith("-XX:TieredStopAtLevel"));
        return chosen ? List.of() : List.of(C1_ONLY);
    }

    /**
     * A new JVM with this one's options (bin/glomers' collector and heap, but no agent or
     * recording of its own) plus extra ones, running {@code glomers speed ARGS}; its output lines.
     */
    private static List<String> probe(String what, List<String> extraJvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-agent") && !option.startsWith("-javaagent")
                        && !option.startsWith("-Xrunjdwp") && !option.startsWith("-XX:StartFlightRecording"))
                .forEach(command::add);
        command.addAll(extraJvmOptions);
        command.add("-Dglomers.root=" + GlomersCommand.root()); // as this JVM has it now
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GlomersCommand.class.getName(), "speed"));
        command.addAll(Arrays.asList(args));
        List<String> output = new ArrayList<>();
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                }
            }
            probe.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + what + ": " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + what, e);
        }
        return output;
    }

    /**
     * In the probe's JVM: seed 1 of 6c with the txn-rw-register module's jar, run and checked as
     * glomers test 6c does; prints the run's wall milliseconds (run and checks), the milliseconds
     * since the JVM started, the process's CPU nanoseconds, the op count and the verdict.
     */
    private int probeColdRun() {
        Supplier<NodeProgram> txn = NodeJar.load(GlomersCommand.root(), "txn-rw-register", List.of(), spec.commandLine());
        RunOptions c6c = Challenge.find("6c").orElseThrow().options().withSeed(1);
        RunResult result = Runs.inProcess(c6c, Workloads.create(c6c), txn);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s%d %d %d %d %s%n", COLD_RUN_LINE, result.wallMillis(),
                ManagementFactory.getRuntimeMXBean().getUptime(), processCpuNanos(), result.results().at("/stats/count").asLong(),
                result.valid());
        return 0;
    }

    /** In the probe's JVM: the test command as a user types it, then this process's peak resident set. */
    private int probeMemory(Path results) throws IOException {
        CommandLine test = GlomersCommand.commandLine(System.getenv());
        test.setOut(new PrintWriter(Writer.nullWriter()));
        test.setErr(new PrintWriter(Writer.nullWriter()));
        int status = test.execute("test", "3d", "--results", results.toString());
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                spec.commandLine().getOut().println(PEAK_LINE + line.replaceAll("\\D", ""));
                return status;
            }
        }
        spec.commandLine().getOut().println("no VmHWM in /proc/self/status (Linux only)");
        return GlomersCommand.BROKE;
    }

    /** --scaling: one run each of 3d's parameters with more nodes; the CPU per message should stay flat. */
    private void scaling(Supplier<NodeProgram> broadcast, PrintWriter out) {
        for (int nodes : SCALING_NODE_COUNTS) {
            Timed run = timed(Challenge.find("3d").orElseThrow().options().withNodeCount(nodes), broadcast);
            long messages = run.result.results().at("/net/all/msg-count").asLong();
            out.printf(Locale.ROOT, "scaling %3d nodes   %.2f s wall, %.2f s CPU, %,d messages, %.1f µs CPU a message, valid %s%n",
                    nodes, run.wallSeconds, run.cpuSeconds, messages, run.cpuSeconds * 1e6 / messages, run.result.valid());
            out.flush();
        }
    }

    private record Timed(RunResult result, double wallSeconds, double cpuSeconds) {
    }

    /**
     * One run on this thread. Its CPU time is this thread's plus the collector's pauses (the serial
     * collector stops the run while it works): what the run takes of one core. The JIT compiles on
     * other threads, on the other core.
     */
    private static Timed timed(RunOptions options, Supplier<NodeProgram> program) {
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long gcStart = collectorMillis();
        long start = System.nanoTime();
        RunResult result = Runs.inProcess(options, Workloads.create(options), program);
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9
                + (collectorMillis() - gcStart) / 1e3;
        return new Timed(result, (System.nanoTime() - start) / 1e9, cpu);
    }

    /** Milliseconds every collector has spent, in all, since the JVM started. */
    private static long collectorMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    /** Met when the wall time is within the target, or else the CPU time per core used is (a busy machine). */
    static Figure judge(String line, double wall, double cpuPerCore, double target, String unit) {
        String verdict = wall <= target ? "met"
                : cpuPerCore <= target ? "met on CPU time (the wall time says the machine was busy)" : "MISSED";
        return new Figure(String.format(Locale.ROOT, "%s   target ≤ %s %s: %s", line, trim(target), unit, verdict), !verdict.equals("MISSED"));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** User + sys time of this process, every thread (the JIT's and the collector's too). */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no reason to fail the figures
        }
    }
}
