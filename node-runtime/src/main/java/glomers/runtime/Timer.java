package glomers.runtime;

/** A scheduled task that has not run yet (or a periodic one); cancelling twice is harmless. */
@FunctionalInterface
public interface Timer {
    void cancel();
}
