package glomers.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.check.Validity;
import glomers.harness.workload.Workload;
import glomers.harness.workload.Workloads;
import glomers.runtime.NodeProgram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The same run over many seeds, in-process, spread over the machine's cores: what a learner needs
 * to trust a node ("valid on 500 seeds") and to find the seed that breaks it. Each run keeps only
 * its figures, so a sweep's memory does not grow with its length.
 */
public final class Sweep {
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
     * @param whyInvalid       the checkers that failed, e.g. "workload: lost-write, unseen", or null
     */
    public record SeedResult(long seed, Validity validity, String abortReason, double serverMsgsPerOp, double okFraction,
                             double stableLatencyMedianMillis, double stableLatencyMaxMillis, long wallMillis, String whyInvalid) {
        public boolean valid() {
            return validity == Validity.VALID;
        }
    }

    /**
     * Runs {@code base} once per seed on {@code threads} threads and returns the outcomes in seed
     * order. A run that throws is reported as aborted with the exception's message.
     */
    public static List<SeedResult> run(RunOptions base, long firstSeed, long lastSeed, Supplier<NodeProgram> program, int threads) {
        if (lastSeed < firstSeed) {
            throw new IllegalArgumentException("the seed range " + firstSeed + ".." + lastSeed + " is empty");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "sweep");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<SeedResult>> futures = new ArrayList<>();
            for (long seed = firstSeed; seed <= lastSeed; seed++) {
                RunOptions options = base.withSeed(seed);
                futures.add(pool.submit(() -> runOne(options, program)));
            }
            List<SeedResult> results = new ArrayList<>();
            for (Future<SeedResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the sweep", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static SeedResult runOne(RunOptions options, Supplier<NodeProgram> program) {
        long started = System.nanoTime();
        try {
            Workload workload = Workloads.create(options);
            return summarize(Runs.inProcess(options, workload, program));
        } catch (RuntimeException e) {
            return new SeedResult(options.seed(), null, e.toString(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    (System.nanoTime() - started) / 1_000_000, null);
        }
    }

    /** The figures of one run that a sweep keeps. */
    public static SeedResult summarize(RunResult result) {
        JsonNode results = result.results();
        List<String> failed = new ArrayList<>();
        results.fields().forEachRemaining(e -> {
            JsonNode valid = e.getValue().get("valid?");
            if (valid != null && !(valid.isBoolean() && valid.booleanValue()) && !"true".equals(valid.asText())) {
                failed.add(e.getKey() + failedTypes(e.getValue()));
            }
        });
        return new SeedResult(result.options().seed(), result.validity(), result.abortReason(),
                number(results.at("/net/servers/msgs-per-op")), number(results.at("/availability/ok-fraction")),
                number(results.at("/workload/stable-latencies/0.5")), number(results.at("/workload/stable-latencies/1")),
                result.wallMillis(), failed.isEmpty() ? null : String.join("; ", failed));
    }

    /** A failed checker's error or anomaly types, when it lists them (kafka, txn). */
    private static String failedTypes(JsonNode details) {
        for (String key : List.of("bad-error-types", "anomaly-types")) {
            JsonNode types = details.get(key);
            if (types != null && types.isArray() && !types.isEmpty()) {
                List<String> names = new ArrayList<>();
                types.forEach(t -> names.add(t.asText()));
                return ": " + String.join(", ", names);
            }
        }
        return "";
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** min, median and max of the figures that are numbers; null when none is. */
    public static double[] spread(List<SeedResult> results, ToDoubleFunction<SeedResult> figure) {
        double[] values = results.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return null;
        }
        return new double[] {values[0], values[values.length / 2], values[values.length - 1]};
    }

    /** For messages: "min 0.12, median 0.15, max 0.20". */
    public static String describeSpread(double[] spread, String format) {
        if (spread == null) {
            return "-";
        }
        return Arrays.stream(spread).mapToObj(v -> String.format(Locale.ROOT, format, v))
                .reduce((a, b) -> a + " / " + b).orElse("-");
    }
}
