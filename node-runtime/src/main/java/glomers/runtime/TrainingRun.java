package glomers.runtime;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Build-time helper: runs a node's {@code main} with stdin read from a file and stdout thrown
 * away, so the JVM can record a class-data-sharing archive of everything a real run loads
 * ({@code -XX:ArchiveClassesAtExit}). The launchers in {@code bin/} use that archive to start
 * nodes faster. Usage: {@code TrainingRun <main class> <file of input lines>}.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: TrainingRun <main class> <file of input lines>");
            System.exit(2);
        }
        PrintStream stderr = System.err;
        try (InputStream input = new FileInputStream(args[1])) {
            System.setIn(input);
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            System.setErr(new PrintStream(OutputStream.nullOutputStream())); // the node's logs of the training input
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (Exception e) {
            System.setErr(stderr);
            throw e;
        }
    }
}
