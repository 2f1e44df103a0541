package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code glomers} in-process, as {@code bin/glomers} would with the repository root {@code root}, and checks usage errors. */
final class TestCli {
    private TestCli() {
    }

    /** What a command did: its exit status, and what it printed on stdout and stderr. */
    record Ran(int status, String out, String err) {
        /** The error output as its lines. */
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Ran run(Path root, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("glomers.root", root.toString());
        try {
            CommandLine cli = GlomersCommand.commandLine(env);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int status = cli.execute(args);
            return new Ran(status, out.toString(), err.toString());
        } finally {
            System.clearProperty("glomers.root");
        }
    }

    /** A usage error: status 254, and exactly two lines, the problem (mentioning each of {@code mentions}) and what to try. */
    static void assertUsageError(Ran ran, String... mentions) {
        assertThat(ran.status()).as(ran.err()).isEqualTo(GlomersCommand.BAD_ARGUMENTS);
        assertThat(ran.errLines()).as(ran.err()).hasSize(2);
        assertThat(ran.errLines().get(0)).startsWith("glomers: ");
        if (mentions.length > 0) {
            assertThat(ran.errLines().get(0)).contains(mentions);
        }
        assertThat(ran.errLines().get(1)).startsWith("Try: ");
        assertThat(ran.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
