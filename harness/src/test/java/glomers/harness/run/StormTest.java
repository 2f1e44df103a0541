package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.net.Latency;
import glomers.harness.workload.BroadcastWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes that send without end: the bench's memory stays bounded and the run stops with the
 * reason, instead of growing until the machine runs out (harness/README.md, "Memory").
 */
class StormTest {
    private static final RunOptions FIVE_NODES = new RunOptions("broadcast", 5, 5, 10, 5, 0, Latency.CONSTANT, false, 10, null, "grid", 1);

    @TempDir
    Path dir;

    /** In-process, at latency 0, the storm never lets the virtual clock move: only the limit ends it. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aMessageStormInProcessStopsTheRunAtTheNetworksLimit() {
        RunResult result = Runs.inProcess(FIVE_NODES, new BroadcastWorkload(), () -> new StormNode(100_000));

        assertThat(result.exitStatus()).isEqualTo(255);
        assertThat(result.abortReason()).contains("message storm").contains("256 MiB");
    }

    /** `yes` prints far faster than the bench can parse: the lines waiting for the loop are bounded too. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNodePrintingWithoutEndStopsTheRunAsAProcess() throws IOException {
        Path node = dir.resolve("printer");
        // Valid messages to a service that does not answer their type: they are taken, queued, delivered, dropped.
        Files.writeString(node, "#!/bin/sh\nexec yes '{\"src\":\"n0\",\"dest\":\"lin-kv\",\"body\":{\"type\":\"nope\"}}'\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwx------"));
        RunOptions oneNode = new RunOptions("echo", 1, 5, 5, 1, 0, Latency.CONSTANT, false, 10, null, "grid", 1);

        RunResult result = Runs.processes(oneNode, new glomers.harness.workload.EchoWorkload(), node, List.of(), Run.RunListener.NONE);

        assertThat(result.exitStatus()).isEqualTo(255);
        assertThat(result.abortReason()).as("either limit may come first: lines waiting for the loop, or messages waiting for delivery")
                .containsAnyOf("print lines faster than the bench can take them", "a message storm");
    }
}
