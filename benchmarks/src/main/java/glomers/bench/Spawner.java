package glomers.bench;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the two kinds of process the benchmark compares: the node under test, exactly as
 * Maelstrom's {@code --bin} would start it, and the bare JVM baseline. Both send stderr to one
 * log file, shown when something fails.
 */
final class Spawner {
    static final String BASELINE_CLASS = PrintOneLine.class.getName();

    private final ProcessBuilder node;
    private final ProcessBuilder bare;

    Spawner(Path nodeBin, String java, Path classesDir, Path stderrLog) {
        Redirect stderr = Redirect.appendTo(stderrLog.toFile());
        this.node = new ProcessBuilder(nodeBin.toString()).redirectError(stderr);
        this.bare = new ProcessBuilder(java, "-cp", classesDir.toString(), BASELINE_CLASS).redirectError(stderr);
    }

    Child startNode(String name) {
        return Child.start("node " + name, node);
    }

    Child startBare(String name) {
        return Child.start("bare JVM " + name, bare);
    }

    /** The baseline's command line, for the report. */
    List<String> bareCommand() {
        return bare.command();
    }
}
