package glomers.bench;

/**
 * The baseline: a JVM that starts, prints one line and exits. Nothing could answer Maelstrom
 * sooner from a JVM, so the node's figures are reported beside this one's.
 *
 * <p>It is started from {@code benchmarks/target/classes} with default JVM flags, so the
 * baseline neither opens a jar nor gets the node's tuned flags.
 */
public final class PrintOneLine {
    private PrintOneLine() {
    }

    public static void main(String[] args) {
        System.out.println("bare JVM is up");
    }
}
