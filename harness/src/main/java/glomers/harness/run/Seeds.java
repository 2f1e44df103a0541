package glomers.harness.run;

import java.util.Random;

/**
 * Every random choice of a run derives from its one seed. Each part of the run (network,
 * stagger, workload values, nemesis, each node) gets its own stream, so a change in how often
 * one part draws does not shift what another part draws.
 */
public final class Seeds {
    private final long seed;

    public Seeds(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream for one named part of the run. */
    public Random random(String purpose) {
        return new Random(derive(purpose));
    }

    /** A seed for one named part of the run (SplitMix64 of the run's seed and the name). */
    public long derive(String purpose) {
        long z = seed + 0x9E3779B97F4A7C15L * (purpose.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
