package glomers.harness.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Loads a page written by the bench in a real headless Chromium and reports what
 * {@link HtmlPage}'s error trap recorded: whether the page's scripts ran to the end and which
 * script errors were raised.
 *
 * <p>Chromium comes from Debian's packages ({@code chromium}); {@code .ci/run} installs it and
 * sets {@code GLOMERS_REQUIRE_BROWSER=1}, so in CI a missing browser fails the test. A
 * developer's run without it skips the browser checks with a message saying what to install.
 */
public final class HeadlessBrowser {
    /** What the dumped DOM's root element said after the page loaded. */
    public record Loaded(boolean ready, String errors, String dom) {
        /** True when the page's scripts ran to the end and raised no error. */
        public boolean clean() {
            return ready && errors.isEmpty();
        }
    }

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long TIMEOUT_SECONDS = 90;
    private static final Pattern ROOT = Pattern.compile("<html([^>]*)>");

    private final Path executable;

    private HeadlessBrowser(Path executable) {
        this.executable = executable;
    }

    /**
     * The browser, or: the calling test is skipped with a message when none is installed, or
     * fails when {@code GLOMERS_REQUIRE_BROWSER} is set (as in CI).
     */
    public static HeadlessBrowser require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String message = "no headless browser (" + String.join(", ", NAMES) + ") on PATH: install Debian's chromium to run the page checks";
            if (System.getenv("GLOMERS_REQUIRE_BROWSER") != null) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return new HeadlessBrowser(found.get());
    }

    private static Optional<Path> find() {
        String override = System.getenv("CHROMIUM");
        if (override != null && Files.isExecutable(Path.of(override))) {
            return Optional.of(Path.of(override));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Opens {@code page} (a file), lets its scripts run, and reads the root element's marks. */
    public Loaded load(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("glomers-chromium");
        Path dom = Files.createTempFile("glomers-dom", ".html");
        Path log = Files.createTempFile("glomers-chromium", ".log");
        try {
            Process browser = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile,
                    "--virtual-time-budget=10000", "--dump-dom", page.toAbsolutePath().toUri().toString())
                    .redirectOutput(dom.toFile())
                    .redirectError(log.toFile())
                    .start();
            if (!browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
                fail("chromium did not finish loading " + page + " in " + TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(dom, StandardCharsets.UTF_8);
            Matcher root = ROOT.matcher(text);
            if (!root.find()) {
                fail("chromium dumped no page for " + page + "; its log:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String attributes = root.group(1);
            return new Loaded(attributes.contains("data-ready=\"1\""), attribute(attributes, "data-errors"), text);
        } finally {
            Files.deleteIfExists(dom);
            Files.deleteIfExists(log);
            deleteTree(profile);
        }
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attributes);
        return m.find() ? m.group(1) : "";
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
