package glomers.bench;

/**
 * The node (or the baseline JVM) misbehaved: a wrong reply, a crash, a timeout. The benchmark
 * stops and exits with status 1.
 */
final class BenchmarkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchmarkFailure(String message) {
        super(message);
    }

    BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
