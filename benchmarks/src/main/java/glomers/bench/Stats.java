package glomers.bench;

import java.util.Arrays;

/** The few statistics the report needs. */
final class Stats {
    private Stats() {
    }

    /** The median; for an even count, the mean of the two middle values. */
    static double median(long[] values) {
        requireSome(values);
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1
                ? sorted[middle]
                : (sorted[middle - 1] + (double) sorted[middle]) / 2;
    }

    static long min(long[] values) {
        requireSome(values);
        return Arrays.stream(values).min().getAsLong();
    }

    /** {@code measured / baseline}, or NaN when there is no sensible ratio. */
    static double ratio(double measured, double baseline) {
        return baseline > 0 ? measured / baseline : Double.NaN;
    }

    private static void requireSome(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
    }
}
