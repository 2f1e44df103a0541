package glomers.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.net.Journal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@value #FILE}: one run on one page. The verdict; the challenge's targets, met or missed
 * (run.json's {@code targets}, when the run is a challenge's); the command that repeats the run (run.json's
 * {@code command}, with a button that copies it); a table per checker with every figure of
 * results.json; the three plots; links to the timeline, the message diagram when there is one,
 * and the run's files; and what ran (run.json, every key). Written last, so it links only what
 * the folder holds.
 *
 * <p>Each figure's cell carries its path in results.json or run.json ({@code data-key}, e.g.
 * {@code stats/by-f/read/ok-count}); a scalar shows its JSON text as it is, a list or an object
 * inside a list is cut short ({@value #MAX_VALUE_CHARS} characters, {@value #MAX_ELEMENTS}
 * elements; the file has it all), and a table shows at most {@value #MAX_ROWS} rows.
 */
public final class IndexPage {
    public static final String FILE = "index.html";
    static final int MAX_VALUE_CHARS = 300;
    static final int MAX_ELEMENTS = 20;
    static final int MAX_ROWS = 200;

    private static final String CSS = """
            body { font-family: sans-serif; margin: 1.5em; max-width: 1100px; }
            h1 { font-size: 1.4em; }
            h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
            h3 { font-size: 1em; margin-bottom: 0.3em; }
            table { border-collapse: collapse; font-size: 13px; margin-bottom: 0.8em; }
            td, th { border: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; }
            td.value { font-family: monospace; word-break: break-all; white-space: pre-wrap; }
            .verdict { display: inline-block; padding: 2px 10px; border-radius: 4px; color: #fff; font-weight: bold; }
            .verdict.valid { background: #2e7d32; } .verdict.invalid { background: #c62828; }
            .verdict.unknown { background: #ef6c00; } .verdict.aborted { background: #6a1b9a; }
            .verdict.met { background: #2e7d32; } .verdict.missed { background: #c62828; } .verdict.undecided { background: #757575; }
            pre#command { background: #f4f4f4; padding: 0.6em; white-space: pre-wrap; word-break: break-all; }
            img { max-width: 100%; display: block; margin-bottom: 0.3em; }
            .note { color: #555; font-size: 13px; }
            """;

    private static final String COPY_SCRIPT = """
            (function () {
              var button = document.getElementById('copy');
              if (!button) { return; }
              button.onclick = function () {
                var text = document.getElementById('command').textContent;
                if (navigator.clipboard && navigator.clipboard.writeText) {
                  navigator.clipboard.writeText(text).then(function () { button.textContent = 'copied'; });
                } else {
                  var range = document.createRange();
                  range.selectNodeContents(document.getElementById('command'));
                  window.getSelection().removeAllRanges();
                  window.getSelection().addRange(range);
                  button.textContent = 'selected: press Ctrl+C';
                }
              };
            })();
            """;

    private IndexPage() {
    }

    /**
     * What the page shows besides run.json and results.json.
     *
     * @param plots   the plots just drawn, or null when they were not drawn now (no history.jsonl):
     *                the page then shows whichever plot files the folder already holds
     * @param history false when the folder has no history.jsonl
     */
    record Parts(List<RunPlots.Plot> plots, boolean history) {
    }

    /** Writes {@value #FILE} into {@code folder}; returns the file. */
    static Path write(Path folder, String title, JsonNode run, JsonNode results, Parts parts) throws IOException {
        Path file = folder.resolve(FILE);
        Files.writeString(file, html(folder, title, run, results, parts), StandardCharsets.UTF_8);
        return file;
    }

    static String html(Path folder, String title, JsonNode run, JsonNode results, Parts parts) {
        StringBuilder page = new StringBuilder(HtmlPage.start(title, CSS));
        String verdict = verdict(results.has("valid?") ? results.get("valid?") : run.path("valid?"));
        page.append("<h1>").append(HtmlPage.escape(title)).append(" <span class=\"verdict ").append(verdict).append("\" id=\"verdict\">")
                .append(verdict).append("</span></h1>\n");
        if (run.hasNonNull("exit-status")) {
            page.append("<p>Exit status ").append(HtmlPage.escape(run.get("exit-status").asText()));
            if (run.hasNonNull("abort-reason")) {
                page.append(": aborted, ").append(HtmlPage.escape(run.get("abort-reason").asText()));
            }
            page.append(".</p>\n");
        }

        targets(page, run.path("targets"));

        page.append("<h2>Repeat this run</h2>\n");
        if (run.hasNonNull("command")) {
            page.append("<pre id=\"command\">").append(HtmlPage.escape(run.get("command").asText())).append("</pre>\n")
                    .append("<button id=\"copy\">copy</button> <span class=\"note\">from the repository root; the seed and "
                            + "every option given are in it, and the node's strategy as a word when it chose one by itself.</span>\n");
        } else {
            page.append("<p class=\"note\" id=\"command\">Not recorded: this run.json is older than the command it keeps. "
                    + "What ran is listed at the end of this page.</p>\n");
        }

        page.append("<h2>Checkers</h2>\n");
        if (results.isEmpty()) {
            page.append("<p class=\"note\">No results.json, or an empty one: the run ended before its checkers ran.</p>\n");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = results.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> checker = it.next();
            if (!checker.getValue().isObject()) {
                continue;
            }
            String valid = verdict(checker.getValue().path("valid?"));
            page.append("<h3 id=\"checker-").append(HtmlPage.escape(checker.getKey())).append("\">")
                    .append(HtmlPage.escape(checker.getKey())).append(" <span class=\"verdict ").append(valid).append("\">")
                    .append(valid).append("</span></h3>\n");
            table(page, checker.getValue(), checker.getKey() + "/");
        }

        page.append("<h2>Plots</h2>\n");
        plots(page, folder, parts);

        page.append("<h2>Pages and files</h2>\n<ul>\n");
        link(page, folder, TimelinePage.FILE, "timeline: every process's operations");
        link(page, folder, RunReport.MESSAGES, "message diagram");
        link(page, folder, "results.json", "results.json: every checker's result");
        link(page, folder, "run.json", "run.json: what ran");
        link(page, folder, "history.jsonl", "history.jsonl: every operation");
        link(page, folder, Journal.FILE_NAME, Journal.FILE_NAME + ": every message sent and received");
        link(page, folder, "node-logs", "node-logs/: each node's log");
        page.append("</ul>\n");

        page.append("<h2>What ran</h2>\n");
        table(page, run, "run/");
        page.append("<script>\n").append(COPY_SCRIPT).append("</script>\n");
        page.append(HtmlPage.end());
        return page.toString();
    }

    /**
     * The challenge's targets (run.json's {@code targets}: name, figure, comparison, limit, met, and
     * for 5c compared-with), a row each; nothing when the run has none.
     */
    private static void targets(StringBuilder page, JsonNode targets) {
        if (!targets.isArray() || targets.isEmpty()) {
            return;
        }
        page.append("<h2>Targets</h2>\n<table id=\"targets\">\n<tr><th>target</th><th>figure</th><th>limit</th><th></th></tr>\n");
        for (JsonNode t : targets) {
            String met = t.path("met").isBoolean() ? (t.get("met").booleanValue() ? "met" : "missed") : "undecided";
            String limit = t.path("limit").isNumber() ? t.get("limit").asText() : t.path("compared-with").asText("-");
            page.append("<tr><th>").append(HtmlPage.escape(t.path("name").asText())).append("</th><td class=\"value\">")
                    .append(HtmlPage.escape(t.path("figure").isNumber() ? t.get("figure").asText() : "-"))
                    .append("</td><td class=\"value\">").append(HtmlPage.escape(t.path("comparison").asText() + " " + limit))
                    .append("</td><td><span class=\"verdict ").append(met).append("\">").append(met).append("</span>");
            if (t.hasNonNull("compared-with") && t.path("limit").isNumber()) {
                page.append(" <span class=\"note\">").append(HtmlPage.escape(t.get("compared-with").asText())).append("</span>");
            }
            page.append("</td></tr>\n");
        }
        page.append("</table>\n<p class=\"note\">Fly.io's targets for this challenge, checked after the verdict; they change "
                + "the exit status only with --require-targets.</p>\n");
    }

    /** valid, invalid, unknown or aborted, from a {@code valid?} (older folders wrote "true" as a string). */
    static String verdict(JsonNode valid) {
        String text = valid.asText();
        return switch (text) {
            case "true" -> "valid";
            case "false" -> "invalid";
            case "aborted" -> "aborted";
            default -> "unknown";
        };
    }

    private static void plots(StringBuilder page, Path folder, Parts parts) {
        List<String> files = List.of(RunPlots.LATENCY_RAW, RunPlots.LATENCY_QUANTILES, RunPlots.RATE);
        if (parts.plots() != null && parts.plots().isEmpty()) {
            page.append("<p class=\"note\">No client operation completed, so there is nothing to plot.</p>\n");
            return;
        }
        boolean any = false;
        for (String file : files) {
            if (Files.exists(folder.resolve(file))) {
                any = true;
                page.append("<img src=\"").append(file).append("\" alt=\"").append(file).append("\">\n");
            }
        }
        if (!any) {
            page.append("<p class=\"note\">No plots: this folder has no history.jsonl to draw them from.</p>\n");
            return;
        }
        page.append("<p class=\"note\">Latency of each operation at its invocation time (log scale; a latency under ")
                .append(RunPlots.MIN_LATENCY_MS).append(" ms, such as an in-process run's instant reply, is drawn at ")
                .append(RunPlots.MIN_LATENCY_MS).append(" ms); latency quantiles and the rate of completions by f and outcome, "
                        + "in the windows their titles give; partitions shaded.")
                .append(parts.history() ? "" : " Drawn earlier: this folder no longer has its history.jsonl.").append("</p>\n");
    }

    private static void link(StringBuilder page, Path folder, String file, String what) {
        if (Files.exists(folder.resolve(file))) {
            String href = Files.isDirectory(folder.resolve(file)) ? file + "/" : file;
            page.append("<li><a href=\"").append(HtmlPage.escape(href)).append("\">").append(HtmlPage.escape(what)).append("</a></li>\n");
        }
    }

    /** A two-column table of every value in {@code object}, nested objects flattened into paths. */
    private static void table(StringBuilder page, JsonNode object, String keyPrefix) {
        List<String[]> rows = new ArrayList<>();
        flatten(object, "", rows);
        page.append("<table>\n");
        for (String[] row : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
            page.append("<tr><th>").append(HtmlPage.escape(row[0].replace("/", " / "))).append("</th><td class=\"value\" data-key=\"")
                    .append(HtmlPage.escape(keyPrefix + row[0])).append("\">").append(HtmlPage.escape(row[1])).append("</td></tr>\n");
        }
        if (rows.size() > MAX_ROWS) {
            page.append("<tr><td colspan=\"2\" class=\"note\">… ").append(rows.size() - MAX_ROWS)
                    .append(" more in the file</td></tr>\n");
        }
        page.append("</table>\n");
    }

    /** Rows of [path, value text]: a non-empty object's fields recursively, anything else as a value. */
    private static void flatten(JsonNode node, String path, List<String[]> rows) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = path + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                flatten(value, key + "/", rows);
            } else {
                rows.add(new String[] {key, text(value)});
            }
        }
    }

    /** A scalar's JSON text (a string without its quotes); a list in brief. */
    static String text(JsonNode value) {
        if (value.isValueNode() && !value.isTextual()) {
            return value.toString();
        }
        return value.isTextual() ? ValueText.cut(value.asText(), MAX_VALUE_CHARS)
                : ValueText.brief(value, MAX_VALUE_CHARS, MAX_ELEMENTS);
    }
}
