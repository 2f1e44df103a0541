package glomers.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The table {@code glomers compare} prints and puts on its page: one row per run, one column per
 * figure, {@value #MISSING} where a run does not have the figure. The terminal and the page show
 * the same columns with the same text ({@link #COLUMNS}).
 */
public final class CompareTable {
    /** A figure a run does not have. */
    public static final String MISSING = "-";

    /**
     * One column.
     *
     * @param heading its heading, also the page's {@code data-col} name
     * @param numeric right-aligned
     * @param cell    how a run shows in it
     */
    public record Column(String heading, boolean numeric, Function<RunRecord, String> cell) {
    }

    /** In order; the last, {@code run}, names the folder. */
    public static final List<Column> COLUMNS = List.of(
            new Column("challenge", false, r -> text(r.challenge())),
            new Column("node", false, r -> text(r.node())),
            new Column("strategy", false, r -> text(r.strategy())),
            new Column("mode", false, r -> text(r.mode())),
            new Column("nemesis", false, CompareTable::nemesis),
            new Column("seed", true, r -> r.seed() == null ? MISSING : String.valueOf(r.seed())),
            new Column("valid?", false, r -> text(r.valid())),
            new Column("msgs-per-op", true, r -> format("%.2f", r.serverMsgsPerOp())),
            new Column("latency", false, r -> r.latencies() == null ? MISSING : r.latencies().kind().equals("stable") ? "stable" : "op"),
            new Column("p50 ms", true, r -> latency(r, 0.5)),
            new Column("p95 ms", true, r -> latency(r, 0.95)),
            new Column("max ms", true, r -> latency(r, 1.0)),
            new Column("availability", true, r -> format("%.4f", r.okFraction())),
            new Column("lost", true, r -> r.lostCount() == null ? MISSING : String.valueOf(r.lostCount())),
            new Column("wall s", true, r -> format("%.1f", r.wallSeconds())),
            new Column("run", false, r -> r.folder().getFileName().toString()));

    /** The legend printed under the table. */
    public static final List<String> LEGEND = List.of(
            "msgs-per-op: the servers' (:net :servers :msgs-per-op); nemesis partition E/S: E of the S partitions cut a node off;",
            "latency: stable = broadcast's stable latencies (:workload :stable-latencies), op = invocation to ok completion;",
            "availability: :availability :ok-fraction; lost: :workload :lost-count; " + MISSING + ": not in that run's files.");

    private CompareTable() {
    }

    /** The table as aligned text lines: headings, then one line per run. */
    public static List<String> lines(List<RunRecord> runs) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS.stream().map(Column::heading).toList());
        for (RunRecord run : runs) {
            rows.add(COLUMNS.stream().map(c -> c.cell().apply(run)).toList());
        }
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(COLUMNS.get(i).numeric() ? pad + cell : cell + (i == widths.length - 1 ? "" : pad));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** {@code none}, {@code partition}, or {@code partition E/S} when the partition counts are recorded. */
    private static String nemesis(RunRecord r) {
        if (r.nemesis() == null) {
            return MISSING;
        }
        if (r.nemesis().equals("partition") && r.partitionsEffective() != null && r.partitionsStarted() != null) {
            return "partition " + r.partitionsEffective() + "/" + r.partitionsStarted();
        }
        return r.nemesis();
    }

    /** Stable latencies are whole ms (Jepsen's); operation latencies get a tenth, since a sim run's are often below 1 ms. */
    private static String latency(RunRecord r, double q) {
        if (r.latencies() == null) {
            return MISSING;
        }
        return format(r.latencies().kind().equals("stable") ? "%.0f" : "%.1f", r.latencies().at(q));
    }

    private static String format(String format, Double value) {
        return value == null || value.isNaN() ? MISSING : String.format(Locale.ROOT, format, value);
    }

    private static String text(String value) {
        return value == null ? MISSING : value;
    }
}
