package glomers.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@value #FILE}: every process's operations, as Jepsen's {@code checker/timeline.clj} draws them
 * (Maelstrom's timeline.html): a column per process (the nemesis last), each operation a box from
 * its invocation's row to its completion's, one row per history entry, coloured by outcome
 * (Jepsen's colours: ok blue, fail orange, info pink; an operation that never completed grey). An
 * {@code :info} operation's box runs to the end of the history, as in Jepsen, since it may still
 * take effect. Hovering a box shows its process, f, outcome, latency, time, values and error.
 *
 * <p>Bounded, so a long run's page still opens: the page holds the first {@value #MAX_OPS}
 * operations and says so when there are more (history.jsonl has every one), values are cut to
 * {@value #MAX_VALUE_CHARS} characters, and {@value #ROWS_PER_PAGE} history entries are drawn at a
 * time, with buttons to move through the run ({@code #page=N} in the address opens page N).
 */
public final class TimelinePage {
    public static final String FILE = "timeline.html";
    /** Operations the page holds, at most. */
    public static final int MAX_OPS = 20_000;
    /** History entries drawn at once. */
    public static final int ROWS_PER_PAGE = 400;
    /** Longest value text kept for a box's hover text. */
    public static final int MAX_VALUE_CHARS = 160;

    private static final String CSS = """
            body { font-family: sans-serif; margin: 1em; }
            nav { position: sticky; top: 0; background: #fff; padding: 0.4em 0; z-index: 2; }
            nav button { margin-right: 0.3em; }
            #heads { position: relative; height: 1.4em; font-weight: bold; font-size: 12px; }
            #heads div { position: absolute; width: 100px; text-align: center; }
            #ops { position: relative; }
            .op { position: absolute; width: 100px; box-sizing: border-box; padding: 1px 2px; font-size: 11px;
                  overflow: hidden; white-space: nowrap; border: 1px solid #fff; }
            .op.invoke { background: #eeeeee; }
            .op.ok { background: #6DB6FE; }
            .op.fail { background: #FFAA26; }
            .op.info { background: #FEB5DA; }
            .note { color: #555; }
            """;

    private static final String SCRIPT = """
            (function () {
              var data = JSON.parse(document.getElementById('timeline-data').textContent);
              var ROW = 16, COL = 106;
              var pages = Math.max(1, Math.ceil(data.rows / data.rowsPerPage));
              var heads = document.getElementById('heads');
              data.columns.forEach(function (name, i) {
                var head = document.createElement('div');
                head.style.left = (i * COL) + 'px';
                head.textContent = name === 'nemesis' ? 'nemesis' : 'process ' + name;
                heads.appendChild(head);
              });
              heads.style.width = (data.columns.length * COL) + 'px';
              function text(op) {
                var lines = [(data.columns[op[0]] === 'nemesis' ? 'nemesis' : 'process ' + data.columns[op[0]]) + ' \\u00b7 ' + op[4]
                    + ' \\u00b7 ' + op[3] + (op[7] === null ? '' : ' \\u00b7 ' + op[7] + ' ms') + ' \\u00b7 at ' + op[9] + ' s'];
                lines.push('invoke: ' + op[5]);
                if (op[6] !== null) { lines.push(op[3] + ': ' + op[6]); }
                if (op[8] !== null) { lines.push('error: ' + op[8]); }
                return lines.join('\\n');
              }
              function show(page) {
                page = Math.min(Math.max(0, page), pages - 1);
                var lo = page * data.rowsPerPage, hi = Math.min(data.rows, lo + data.rowsPerPage);
                var box = document.getElementById('ops');
                box.textContent = '';
                box.style.height = ((hi - lo) * ROW) + 'px';
                box.style.width = (data.columns.length * COL) + 'px';
                var first = null, last = null;
                data.ops.forEach(function (op) {
                  if (op[1] >= hi || op[2] < lo) { return; }
                  var top = Math.max(op[1], lo), bottom = Math.min(op[2], hi - 1);
                  var div = document.createElement('div');
                  div.className = 'op ' + op[3];
                  div.style.left = (op[0] * COL) + 'px';
                  div.style.top = ((top - lo) * ROW) + 'px';
                  div.style.height = ((bottom - top + 1) * ROW) + 'px';
                  div.title = text(op);
                  div.textContent = op[4] + ' ' + op[5] + (op[6] !== null && op[6] !== op[5] ? ' \\u2192 ' + op[6] : '');
                  box.appendChild(div);
                  if (op[1] >= lo) {
                    first = first === null ? op[9] : Math.min(first, op[9]);
                    last = last === null ? op[9] : Math.max(last, op[9]);
                  }
                });
                document.getElementById('where').textContent = 'page ' + (page + 1) + ' of ' + pages + ': history entries '
                    + (lo + 1) + '\\u2013' + hi + ' of ' + data.rows
                    + (first === null ? '' : ', invoked from ' + first + ' s to ' + last + ' s');
                document.getElementById('prev').disabled = page === 0;
                document.getElementById('next').disabled = page === pages - 1;
                current = page;
              }
              var current = 0;
              var asked = /page=(\\d+)/.exec(window.location.hash);
              document.getElementById('first').onclick = function () { show(0); };
              document.getElementById('prev').onclick = function () { show(current - 1); };
              document.getElementById('next').onclick = function () { show(current + 1); };
              document.getElementById('last').onclick = function () { show(pages - 1); };
              show(asked ? parseInt(asked[1], 10) - 1 : 0);
            })();
            """;

    private TimelinePage() {
    }

    /** Writes {@value #FILE} into {@code folder} for {@code history}; returns the file. */
    public static Path write(Path folder, String title, History history) throws IOException {
        Path file = folder.resolve(FILE);
        Files.writeString(file, html(title, history), StandardCharsets.UTF_8);
        return file;
    }

    /** The page. */
    static String html(String title, History history) {
        ObjectNode data = data(history);
        int total = data.get("total").asInt();
        int shown = data.get("ops").size();
        StringBuilder page = new StringBuilder(HtmlPage.start(title + " timeline", CSS));
        page.append("<h1>").append(HtmlPage.escape(title)).append(" timeline</h1>\n");
        page.append("<p class=\"note\">A column per process; each operation a box from its invocation to its completion, one row "
                + "per history entry; blue ok, orange fail, pink info (runs to the end: it may still take effect), grey never "
                + "completed. Hover a box for its values. <a href=\"index.html\">The run's page</a>.</p>\n");
        if (shown < total) {
            page.append(String.format(Locale.ROOT, "<p class=\"note\" id=\"capped\">The first %,d of %,d operations are shown, "
                    + "to keep the page light; history.jsonl has every one.</p>%n", shown, total));
        }
        page.append("<nav><button id=\"first\">first</button><button id=\"prev\">earlier</button><button id=\"next\">later"
                + "</button><button id=\"last\">last</button> <span id=\"where\"></span></nav>\n");
        page.append("<div id=\"heads\"></div>\n<div id=\"ops\"></div>\n");
        page.append("<script type=\"application/json\" id=\"timeline-data\">").append(HtmlPage.scriptSafe(data.toString()))
                .append("</script>\n");
        page.append("<script>\n").append(SCRIPT).append("</script>\n");
        page.append(HtmlPage.end());
        return page.toString();
    }

    /**
     * The page's data: {@code columns} (process names, "nemesis" last), {@code rows} (history
     * entries covered), {@code rowsPerPage}, {@code total} (operations in the history) and
     * {@code ops}, each {@code [column, first row, last row, outcome, f, invoke value, completion
     * value or null, latency ms or null, error or null, invocation time s]}.
     */
    static ObjectNode data(History history) {
        List<Op> starts = history.ops().stream().filter(op -> op.isInvoke() || op.process() == Op.NEMESIS).toList();
        List<Op> shown = starts.subList(0, Math.min(MAX_OPS, starts.size()));
        long rows = shown.size() < starts.size() ? starts.get(shown.size()).index() : history.ops().size();
        TreeSet<Integer> processes = new TreeSet<>();
        boolean nemesis = false;
        for (Op op : shown) {
            if (op.process() == Op.NEMESIS) {
                nemesis = true;
            } else {
                processes.add(op.process());
            }
        }
        List<String> columns = new ArrayList<>(processes.stream().map(String::valueOf).toList());
        if (nemesis) {
            columns.add("nemesis");
        }
        Map<String, Integer> columnOf = new HashMap<>();
        columns.forEach(name -> columnOf.put(name, columnOf.size()));
        ObjectNode data = Json.mapper().createObjectNode();
        data.set("columns", Json.tree(columns));
        data.put("rows", rows);
        data.put("rowsPerPage", ROWS_PER_PAGE);
        data.put("total", starts.size());
        ArrayNode ops = data.putArray("ops");
        for (Op start : shown) {
            Op end = start.process() == Op.NEMESIS ? null : history.completionOf(start);
            String outcome = start.process() == Op.NEMESIS ? "info" : end == null ? "invoke" : outcomeName(end);
            long lastRow = start.process() == Op.NEMESIS ? start.index()
                    : end == null || end.type() == Op.Type.INFO ? rows - 1 : end.index();
            ArrayNode op = ops.addArray();
            op.add(columnOf.get(start.process() == Op.NEMESIS ? "nemesis" : String.valueOf(start.process())));
            op.add(start.index());
            op.add(Math.max(start.index(), Math.min(lastRow, rows - 1)));
            op.add(outcome);
            op.add(start.f());
            op.add(valueText(start.value()));
            if (end == null) {
                op.addNull();
                op.addNull();
            } else {
                op.add(valueText(end.value()));
                op.add(Math.round((end.timeNanos() - start.timeNanos()) / 1e4) / 100.0);
            }
            if (end == null || end.error() == null) {
                op.addNull();
            } else {
                op.add(cut(end.error()));
            }
            op.add(Math.round(start.timeNanos() / 1e6) / 1000.0);
        }
        return data;
    }

    private static String outcomeName(Op completion) {
        return completion.type().jepsenName().substring(1);
    }

    private static String valueText(JsonNode value) {
        return value == null ? "nil" : cut(value.isTextual() ? value.asText() : value.toString());
    }

    private static String cut(String text) {
        return ValueText.cut(text, MAX_VALUE_CHARS);
    }
}
