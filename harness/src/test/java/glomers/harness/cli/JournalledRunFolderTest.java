package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.cli.TestCli.Ran;
import glomers.harness.net.Journal;
import glomers.harness.reference.ReferenceBroadcast;
import glomers.harness.report.MessageDiagram;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A single run's folder keeps its network journal and the message diagram drawn from it, in every mode that journals. */
class JournalledRunFolderTest {
    @TempDir
    Path root;

    private Ran runInto(String... args) {
        return TestCli.run(root, Map.of(), Stream.concat(Stream.of(args), Stream.of("--results", root.resolve("runs").toString()))
                .toArray(String[]::new));
    }

    private static List<Path> folders(Path parent) throws IOException {
        try (Stream<Path> paths = Files.list(parent)) {
            return paths.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The folder holds every send and receive of the run, as many as results.json's net counted, and messages.html. */
    private static void assertJournalled(Path folder) throws IOException {
        JsonNode net = Json.mapper().readTree(folder.resolve("results.json").toFile()).get("net");
        long[] counts = new long[2];
        Journal.forEach(folder.resolve(Journal.FILE_NAME), e -> counts[e.kind().ordinal()]++);
        assertThat(counts[Journal.Kind.SEND.ordinal()]).isEqualTo(net.at("/all/send-count").asLong()).isPositive();
        assertThat(counts[Journal.Kind.RECV.ordinal()]).isEqualTo(net.at("/all/recv-count").asLong());
        assertThat(Files.readString(folder.resolve(MessageDiagram.FILE_NAME))).contains("id=\"journal-data\"");
    }

    @Test
    void aSimRunsFolderHoldsItsJournalAndMessageDiagram() throws IOException {
        TestModules.jar(root, "broadcast", ReferenceBroadcast.class);

        Ran ran = runInto("test", "broadcast", "--node-count", "3", "--time-limit", "2");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertJournalled(folders(root.resolve("runs")).get(0));
    }

    @Test
    void aProcessRunsFolderHoldsItsJournalAndMessageDiagram() throws IOException {
        Path node = root.resolve("echo-node");
        Files.writeString(node, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -Xshare:auto -cp '"
                + System.getProperty("java.class.path") + "' '" + TestModules.Echo.class.getName() + "'\n");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rwxr-xr-x"));

        Ran ran = runInto("test", "echo", "--bin", node.toString(), "--node-count", "1", "--time-limit", "1");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertJournalled(folders(root.resolve("runs")).get(0));
    }

    @Test
    void aSweepJournalsTheReplayOfItsFirstFailingSeedOnly() throws IOException {
        TestModules.jar(root, "echo", TestModules.ChattyEcho.class);

        Ran ran = runInto("test", "echo", "--seeds", "1..2", "--node-count", "1", "--time-limit", "1");

        assertThat(ran.status()).as(ran.err()).isEqualTo(1);
        List<Path> kept = folders(folders(root.resolve("runs")).get(0));
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).getFileName().toString()).endsWith("-echo-sim-seed1");
        assertJournalled(kept.get(0));
    }
}
