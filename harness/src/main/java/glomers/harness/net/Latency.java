package glomers.harness.net;

import java.util.Locale;
import java.util.Random;

/**
 * One-way delay of a message that involves no client, as Maelstrom draws it ({@code --latency}
 * is the mean in milliseconds, {@code --latency-dist} the shape). Client messages have none.
 */
public enum Latency {
    /** Exactly the mean. */
    CONSTANT,
    /** A whole number of ms, uniform in [0, 2·mean). */
    UNIFORM,
    /** Exponential with the given mean, cut down to whole ms. */
    EXPONENTIAL;

    public static Latency parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--latency-dist must be constant, uniform or exponential, not \"" + name + "\"");
        }
    }

    /**
     * Draws one delay in milliseconds. Where Maelstrom cannot (uniform or exponential with mean 0
     * hangs or fails at start-up), this returns 0 instead; see the harness README.
     */
    public long drawMillis(long meanMillis, Random random) {
        if (meanMillis <= 0) {
            return 0;
        }
        return switch (this) {
            case CONSTANT -> meanMillis;
            case UNIFORM -> (long) (random.nextDouble() * 2 * meanMillis);
            case EXPONENTIAL -> (long) (-Math.log(1 - random.nextDouble()) * meanMillis);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
