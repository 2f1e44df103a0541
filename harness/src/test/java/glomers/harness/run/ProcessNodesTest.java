package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.net.Latency;
import glomers.harness.workload.EchoWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child-process mode with tiny shell-script nodes: the bench fails loudly when a node misbehaves. */
class ProcessNodesTest {
    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static RunOptions echoFor(int seconds) {
        return new RunOptions("echo", 1, seconds, 5, 1, 0, Latency.CONSTANT, false, 10, null, "grid", 1);
    }

    @Test
    void aNodeThatExitsEarlyAbortsTheRunWithItsLastStderrLines() throws IOException {
        Path node = script("dies", "echo 'about to die' >&2\nexit 3\n");

        RunResult result = Runs.processes(echoFor(2), new EchoWorkload(), node, List.of(), Run.RunListener.NONE);

        assertThat(result.exitStatus()).isEqualTo(255);
        assertThat(result.abortReason()).contains("exited early with status 3").contains("about to die");
    }

    @Test
    void aNodeThatPrintsALineMaelstromWouldRejectAbortsTheRun() throws IOException {
        Path node = script("garbage", "read line\necho 'starting up' >&2\necho 'this is not a message'\nsleep 5\n");

        RunResult result = Runs.processes(echoFor(2), new EchoWorkload(), node, List.of(), Run.RunListener.NONE);

        assertThat(result.exitStatus()).isEqualTo(255);
        assertThat(result.abortReason()).contains("Maelstrom would stop reading").contains("this is not a message")
                .contains("n0's last lines on stderr").contains("starting up");
    }

    @Test
    void aNodeThatNeverAnswersInitAbortsTheRunAfterTenSeconds() throws IOException {
        Path node = script("silent", "sleep 30\n");

        RunResult result = Runs.processes(echoFor(1), new EchoWorkload(), node, List.of(), Run.RunListener.NONE);

        assertThat(result.exitStatus()).isEqualTo(255);
        assertThat(result.abortReason()).contains("did not answer init within 10 s");
    }
}
