package glomers.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import glomers.harness.check.Validity;
import glomers.harness.nemesis.PartitionCount;
import glomers.harness.workload.TxnRwRegisterWorkload;
import glomers.harness.workload.Workload;
import glomers.harness.workload.Workloads;
import glomers.runtime.NodeProgram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The same run over many seeds, in-process, spread over the machine's cores: what a learner needs
 * to trust a node ("valid on 500 seeds") and to find the seed that breaks it. Each run keeps only
 * its figures, so a sweep's memory does not grow with the length of its runs.
 */
public final class Sweep {
    /** The most seeds one sweep runs; each keeps a {@link SeedResult} until the sweep ends. */
    public static final long MAX_SEEDS = 100_000;

    private Sweep() {
    }

    /**
     * One seed's outcome.
     *
     * @param seed             the seed; {@code glomers test … --seed N} replays it exactly
     * @param validity         the verdict, or null when the run was aborted
     * @param abortReason      why it was aborted, or null
     * @param serverMsgsPerOp  {@code :net :servers :msgs-per-op}, NaN when there were no operations
     * @param okFraction       {@code :availability :ok-fraction}
     * @param stableLatencyMedianMillis broadcast's {@code :stable-latencies} 0.5, NaN for other workloads
     * @param stableLatencyMaxMillis    broadcast's {@code :stable-latencies} 1, NaN for other workloads
     * @param wallMillis       how long the run took
     * @param whyInvalid       the checkers that failed and count towards the verdict, with what they found (kafka's
     *                         error types, txn's anomaly types, broadcast's lost-count, …), e.g.
     *                         "workload: G1c; availability", or null
     * @param uncountedFailures the bench's own checks that failed but do not count towards the verdict
     *                         (txn-rw-register's node-order without {@code --judge-node-order}), e.g.
     *                         "node-order: G0", or null
     * @param partitions       the partitions the nemesis started and those that cut a node off; null when
     *                         the run threw before it had a history
     */
    public record SeedResult(long seed, Validity validity, String abortReason, double serverMsgsPerOp, double okFraction,
                             double stableLatencyMedianMillis, double stableLatencyMaxMillis, long wallMillis, String whyInvalid,
                             String uncountedFailures, PartitionCount partitions) {
        public boolean valid() {
            return validity == Validity.VALID;
        }

        public boolean aborted() {
            return validity == null;
        }

        /** In words: valid, invalid, unknown or aborted. */
        public String outcome() {
            return validity == null ? "aborted" : validity.name().toLowerCase(Locale.ROOT);
        }

        /** As run.json says it: true, false, "unknown" ({@link Validity#json}), or "aborted". */
        public JsonNode verdict() {
            return validity == null ? TextNode.valueOf("aborted") : validity.json();
        }

        /** Why the seed is not valid, in one line: the failed checkers, or the abort reason's first line; null when valid. */
        public String why() {
            if (validity == null) {
                return abortReason == null ? "aborted" : abortReason.lines().findFirst().orElse("aborted");
            }
            return valid() ? null : whyInvalid;
        }
    }

    /** Hears about a sweep's runs as they finish. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /**
         * A run's whole result, on the thread that ran it (several at once), before it is dropped:
         * the place to write its folder. Not called for a run that threw.
         */
        default void ran(RunResult result) {
        }

        /** A seed's figures, on the thread that called {@link #run}, in the order seeds finish; {@code done} of {@code total}. */
        default void finished(SeedResult seed, long done, long total) {
        }
    }

    /** As {@link #run(RunOptions, long, long, Supplier, int, Listener)}, with nobody listening. */
    public static List<SeedResult> run(RunOptions base, long firstSeed, long lastSeed, Supplier<NodeProgram> program, int threads) {
        return run(base, firstSeed, lastSeed, program, threads, Listener.NONE);
    }

    /**
     * Runs {@code base} once per seed from {@code firstSeed} to {@code lastSeed} (both included) on
     * {@code threads} threads and returns the outcomes in seed order. A run that throws is
     * reported as aborted with the exception. Throws IllegalArgumentException for an empty range
     * or one longer than {@value #MAX_SEEDS} seeds.
     */
    public static List<SeedResult> run(RunOptions base, long firstSeed, long lastSeed, Supplier<NodeProgram> program, int threads,
                                       Listener listener) {
        if (lastSeed < firstSeed) {
            throw new IllegalArgumentException("the seed range " + firstSeed + ".." + lastSeed + " is empty");
        }
        long total = lastSeed - firstSeed + 1;
        if (total > MAX_SEEDS || total <= 0) {
            throw new IllegalArgumentException("the seed range " + firstSeed + ".." + lastSeed + " has more than " + MAX_SEEDS + " seeds");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "sweep");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<SeedResult> finished = new ExecutorCompletionService<>(pool);
            for (long seed = firstSeed; seed <= lastSeed; seed++) {
                RunOptions options = base.withSeed(seed);
                finished.submit(() -> runOne(options, program, listener));
            }
            SeedResult[] bySeed = new SeedResult[(int) total];
            for (long done = 1; done <= total; done++) {
                SeedResult result = finished.take().get();
                bySeed[(int) (result.seed() - firstSeed)] = result;
                listener.finished(result, done, total);
            }
            return List.of(bySeed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the sweep", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static SeedResult runOne(RunOptions options, Supplier<NodeProgram> program, Listener listener) {
        long started = System.nanoTime();
        RunResult result;
        try {
            Workload workload = Workloads.create(options);
            result = Runs.inProcess(options, workload, program);
        } catch (RuntimeException e) {
            return new SeedResult(options.seed(), null, e.toString(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    (System.nanoTime() - started) / 1_000_000, null, null, null);
        }
        listener.ran(result);
        return summarize(result);
    }

    /** The figures of one run that a sweep keeps. */
    public static SeedResult summarize(RunResult result) {
        JsonNode results = result.results();
        List<String> failed = new ArrayList<>();
        List<String> uncounted = new ArrayList<>();
        results.properties().forEach(e -> {
            JsonNode valid = e.getValue().get("valid?");
            if (valid != null && !(valid.isBoolean() && valid.booleanValue()) && !"true".equals(valid.asText())) {
                (counts(e.getKey(), result.options()) ? failed : uncounted).add(e.getKey() + failedTypes(e.getValue()));
            }
        });
        return new SeedResult(result.options().seed(), result.validity(), result.abortReason(),
                number(results.at("/net/servers/msgs-per-op")), number(results.at("/availability/ok-fraction")),
                number(results.at("/workload/stable-latencies/0.5")), number(results.at("/workload/stable-latencies/1")),
                result.wallMillis(), failed.isEmpty() ? null : String.join("; ", failed),
                uncounted.isEmpty() ? null : String.join("; ", uncounted), PartitionCount.of(result.history()));
    }

    /** Whether a results key's verdict counts towards the run's: all do but node-order without --judge-node-order. */
    private static boolean counts(String key, RunOptions options) {
        return !key.equals(TxnRwRegisterWorkload.NODE_ORDER) || options.txn().judgeNodeOrder();
    }

    /** The counts of a failed workload checker that say what went wrong (broadcast's, unique-ids'), when positive. */
    private static final List<String> FAILURE_COUNTS = List.of("lost-count", "never-read-count", "duplicated-count");

    /**
     * What a failed checker found, in a few words: the error or anomaly types it lists (kafka,
     * txn), else its failure counts ("lost-count 38"), else how many errors it lists (echo,
     * g-counter, "3 errors"); empty when it says none of these.
     */
    private static String failedTypes(JsonNode details) {
        for (String key : List.of("bad-error-types", "anomaly-types")) {
            JsonNode types = details.get(key);
            if (types != null && types.isArray() && !types.isEmpty()) {
                List<String> names = new ArrayList<>();
                types.forEach(t -> names.add(t.asText()));
                return ": " + String.join(", ", names);
            }
        }
        List<String> counts = new ArrayList<>();
        for (String key : FAILURE_COUNTS) {
            if (details.path(key).asLong() > 0) {
                counts.add(key + " " + details.get(key).asLong());
            }
        }
        if (details.path("errors").isArray() && !details.get("errors").isEmpty()) {
            int n = details.get("errors").size();
            counts.add(n + (n == 1 ? " error" : " errors"));
        }
        return counts.isEmpty() ? "" : ": " + String.join(", ", counts);
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /**
     * A sweep's exit status: 0 if every seed is valid, 1 if any is invalid, otherwise 255 if any
     * was aborted, otherwise 2 (some seed is unknown). An invalid seed is a found bug, so it
     * speaks loudest; an aborted one (the node broke) comes before one the checkers could not decide.
     */
    public static int exitStatus(List<SeedResult> results) {
        boolean aborted = false;
        boolean unknown = false;
        for (SeedResult r : results) {
            if (r.validity() == Validity.INVALID) {
                return 1;
            }
            aborted |= r.aborted();
            unknown |= r.validity() == Validity.UNKNOWN;
        }
        return aborted ? 255 : unknown ? 2 : 0;
    }

    /** min, median and max of the figures that are numbers; null when none is. */
    public static <T> double[] spread(List<T> results, ToDoubleFunction<T> figure) {
        double[] values = results.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return null;
        }
        return new double[] {values[0], values[values.length / 2], values[values.length - 1]};
    }

    /** For messages: "0.12 / 0.15 / 0.20" (min / median / max), or "-" when there are none. */
    public static String describeSpread(double[] spread, String format) {
        if (spread == null) {
            return "-";
        }
        return Arrays.stream(spread).mapToObj(v -> String.format(Locale.ROOT, format, v))
                .reduce((a, b) -> a + " / " + b).orElse("-");
    }
}
