package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import us.bpsm.edn.Keyword;
import us.bpsm.edn.parser.Parser;
import us.bpsm.edn.parser.Parsers;

/**
 * Real Maelstrom runs from the test resources (unchanged copies of ../shared/real-maelstrom; see
 * src/test/resources/real-maelstrom/README.md), laid out as store folders, and their figures read
 * straight from the EDN with edn-java, as the facts a reader must reproduce.
 */
public final class RealRuns {
    /** The folders kept, by their names in ../shared/real-maelstrom. */
    public static final String REAL_3D = "3d-broadcast";
    public static final String REAL_3D_PARTITION = "3d-broadcast-partition";
    public static final String REAL_COUNTER = "4-g-counter-run1";

    private RealRuns() {
    }

    /** Copies the resource folder {@code name} (results.edn, and a latency plot when kept) to {@code parent/folderName}. */
    public static Path copy(String name, Path parent, String folderName) throws IOException {
        Path folder = Files.createDirectories(parent.resolve(folderName));
        for (String file : new String[] {"results.edn", "latency-raw.png"}) {
            try (InputStream in = RealRuns.class.getResourceAsStream("/real-maelstrom/" + name + "/" + file)) {
                if (in != null) {
                    Files.copy(in, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        assertThat(folder.resolve("results.edn")).exists();
        return folder;
    }

    public static Path copy(String name, Path parent) throws IOException {
        return copy(name, parent, name);
    }

    /** results.edn as edn-java reads it: nested maps keyed by keywords. */
    public static Map<?, ?> edn(Path folder) throws IOException {
        Parser parser = Parsers.newParser(Parsers.defaultConfiguration());
        return (Map<?, ?>) parser.nextValue(Parsers.newParseable(Files.readString(folder.resolve("results.edn"))));
    }

    /** The value at a path of keywords (and, last, any key such as 0.5), straight from edn-java's maps. */
    public static Object at(Map<?, ?> edn, Object... path) {
        Object value = edn;
        for (Object step : path) {
            value = ((Map<?, ?>) value).get(step instanceof String s ? Keyword.newKeyword(s) : step);
        }
        return value;
    }

    /** A figure as a double. */
    public static double number(Map<?, ?> edn, Object... path) {
        return ((Number) at(edn, path)).doubleValue();
    }
}
