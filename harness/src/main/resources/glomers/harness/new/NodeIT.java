package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;

import glomers.harness.cli.GlomersCommand;
import org.junit.jupiter.api.Test;

/**
 * Challenge {{challenge.id}} ({{challenge.title}}) on the glomers bench, as `mvn verify` runs it
 * after `mvn package` has built the jar: exactly what
 *
 * <pre>
 *   bin/glomers test {{challenge.id}} --jar target/{{artifactId}}.jar --runs 10
 * </pre>
 *
 * does. Seeds 1 to 10 run in-process on a virtual clock, each a whole run in a fraction of its
 * time, with the challenge's published parameters:
 *
 * <pre>
 *   {{challenge.flags}}
 * </pre>
 *
 * The summary above the failure says which seeds failed, why, and the command that replays each
 * one; the first failing seed's run folder is kept under target/maelstrom-results.
 */
class {{className}}IT {
    /** Seeds to run: more find rarer bugs, and take longer. */
    private static final int SEEDS = 10;

    @Test
    void passesChallenge{{challenge.id}}() {
        int status = GlomersCommand.execute("test", "{{challenge.id}}", "--jar", "target/{{artifactId}}.jar",
                "--runs", String.valueOf(SEEDS), "--results", "target/maelstrom-results");

        assertEquals(0, status, "glomers test {{challenge.id}} on seeds 1 to " + SEEDS + " (summary above): exit status "
                + status + " (0 valid, 1 invalid, 2 unknown, 254 a mistake in the command, 255 a run aborted)");
    }
}
