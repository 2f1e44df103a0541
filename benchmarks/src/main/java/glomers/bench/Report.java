package glomers.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The plain-text report: a header, then one aligned row per figure, printed as soon as it is
 * known, so a failure half-way still leaves the figures measured so far.
 */
final class Report {
    private static final String ROW = "%-40s %16s %11s %7s  %-16s %s%n";
    private static final String NONE = "-";

    enum Verdict { PASS, MISS }

    private final PrintStream out;
    private int passes;
    private int misses;

    Report(PrintStream out) {
        this.out = out;
    }

    void title(String title) {
        out.println(title);
    }

    void headerLine(String name, String value) {
        out.printf(Locale.ROOT, "  %-10s %s%n", name, value);
    }

    void tableHeader() {
        out.println();
        out.printf(Locale.ROOT, ROW, "measurement", "node", "bare JVM", "ratio", "target", "result");
        out.printf(Locale.ROOT, ROW, "-----------", "----", "--------", "-----", "------", "------");
    }

    /** A timing beside the baseline's; the target, if any, bounds the ratio. */
    void ratioRow(String label, double nodeNanos, double bareNanos, double maxRatio) {
        double ratio = Stats.ratio(nodeNanos, bareNanos);
        String target = Double.isNaN(maxRatio) ? NONE : "ratio <= " + number(maxRatio) + "x";
        Verdict verdict = Double.isNaN(maxRatio) ? null : verdict(ratio <= maxRatio);
        row(label, millis(nodeNanos), millis(bareNanos), ratio(ratio), target, verdict);
    }

    /** Messages per second; {@code minPerSecond} is NaN for a row not held against the target. */
    void throughputRow(String label, double perSecond, double minPerSecond) {
        String figure = String.format(Locale.ROOT, "%,.0f msg/s", perSecond);
        if (Double.isNaN(minPerSecond)) {
            row(label, figure, NONE, NONE, NONE, null);
        } else {
            row(label, figure, NONE, NONE, String.format(Locale.ROOT, ">= %,.0f/s", minPerSecond),
                    verdict(perSecond >= minPerSecond));
        }
    }

    /** Memory; {@code mb} is NaN when it could not be measured. */
    void memoryRow(String label, double mb, double maxMb) {
        String target = "<= " + number(maxMb) + " MB";
        if (Double.isNaN(mb)) {
            row(label, "not measured", NONE, NONE, target, null);
        } else {
            row(label, String.format(Locale.ROOT, "%.1f MB", mb), NONE, NONE, target, verdict(mb <= maxMb));
        }
    }

    void section(String title) {
        out.println();
        out.println(title);
    }

    void note(String text) {
        out.println("  " + text);
    }

    /** One line of raw samples, e.g. {@code start, node   ms: 91.2  88.0}. */
    void sample(String what, String unit, String values) {
        out.printf(Locale.ROOT, "  %-18s %5s: %s%n", what, unit, values);
    }

    void summary() {
        out.println();
        out.printf(Locale.ROOT, "targets: %d PASS, %d MISS%n", passes, misses);
    }

    static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) ? NONE : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** {@code 3} rather than {@code 3.0}, but {@code 2.5} stays. */
    static String number(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%d", (long) value)
                : String.format(Locale.ROOT, "%s", value);
    }

    private void row(String label, String node, String bare, String ratio, String target, Verdict verdict) {
        out.printf(Locale.ROOT, ROW, label, node, bare, ratio, target, verdict == null ? NONE : verdict);
        out.flush();
    }

    private Verdict verdict(boolean met) {
        if (met) {
            passes++;
            return Verdict.PASS;
        }
        misses++;
        return Verdict.MISS;
    }
}
