package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.TestCli.Ran;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glomers new}: what it writes for each challenge, and what it refuses. That the projects
 * build and run is learner-it's NewProjectsIT, which builds them with Maven.
 */
class NewCommandTest {
    @TempDir
    Path root;

    private Ran run(String... args) {
        return TestCli.run(root, Map.of(), args);
    }

    @Test
    void everyChallengeGetsAProjectWithItsRulesItsNodeAndEveryPlaceholderFilledIn() throws IOException {
        for (Challenge challenge : Challenge.ALL) {
            Path project = root.resolve("glomers-" + challenge.id());

            Ran ran = run("new", challenge.id(), project.toString());

            assertThat(ran.status()).as(ran.err()).isZero();
            assertThat(ran.out()).contains("Wrote a project for challenge " + challenge.id() + " (" + challenge.title() + ")",
                    "test " + challenge.id() + " --jar target/glomers-" + challenge.id() + ".jar");
            try (Stream<Path> files = Files.walk(project)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain("{{");
                }
            }
            assertThat(project.resolve("bin/node")).isExecutable();
            String pom = Files.readString(project.resolve("pom.xml"));
            assertThat(pom).contains("<artifactId>glomers-" + challenge.id() + "</artifactId>",
                    "<artifactId>node-runtime</artifactId>", "<glomers.version>0.1.0-SNAPSHOT</glomers.version>",
                    "<maven.compiler.release>17</maven.compiler.release>");
            Path node;
            try (Stream<Path> sources = Files.walk(project.resolve("src/main/java"))) {
                node = sources.filter(Files::isRegularFile).findFirst().orElseThrow();
            }
            assertThat(Files.readString(node)).contains("Gossip Glomers challenge " + challenge.id() + ": " + challenge.title(),
                    " * Fly.io's command: ./maelstrom test " + challenge.flags() + " --bin bin/node",
                    " * It passes when: " + challenge.targets() + ".", "implements NodeProgram", "TODO");
            Path test = Path.of(node.toString().replace("src/main/java", "src/test/java").replace(".java", "IT.java"));
            assertThat(test).content().contains("GlomersCommand.execute(\"test\", \"" + challenge.id() + "\", \"--jar\"");
        }
    }

    @Test
    void namesAreTheLearnersToChoose() throws IOException {
        Path project = root.resolve("mine");

        Ran ran = run("new", "3B", project.toString(), "--group-id", "com.example", "--artifact-id", "gossip", "--package",
                "com.example.gossip");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(project.resolve("pom.xml")).content().contains("<groupId>com.example</groupId>", "<artifactId>gossip</artifactId>",
                "<main.class>com.example.gossip.BroadcastNode</main.class>");
        assertThat(project.resolve("src/main/java/com/example/gossip/BroadcastNode.java")).content()
                .contains("package com.example.gossip;", "challenge 3b: Multi-Node Broadcast");
        assertThat(project.resolve("src/test/java/com/example/gossip/BroadcastNodeIT.java")).content()
                .contains("\"test\", \"3b\", \"--jar\", \"target/gossip.jar\"");
        assertThat(project.resolve("bin/node")).content().contains("jar=\"$root/target/gossip.jar\"");
    }

    @Test
    void aFolderThatIsNotEmptyAnUnknownChallengeAndBadNamesAreUsageErrors() throws IOException {
        Path full = Files.createDirectories(root.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        Path file = Files.writeString(root.resolve("a-file"), "");

        Ran notEmpty = run("new", "1", full.toString());
        TestCli.assertUsageError(notEmpty, full + " is not empty");
        assertThat(notEmpty.errLines().get(1)).isEqualTo("Try: glomers new 1 <another folder>");
        assertThat(full.resolve("notes.txt")).content().isEqualTo("mine");
        assertThat(full).isDirectoryNotContaining(path -> !path.getFileName().toString().equals("notes.txt"));
        TestCli.assertUsageError(run("new", "1", file.toString()), "is a file");
        Ran unknown = run("new", "7z", root.resolve("x").toString());
        TestCli.assertUsageError(unknown, "unknown challenge \"7z\"", "1, 2, 3a");
        assertThat(unknown.errLines().get(1)).startsWith("Try: glomers list");
        TestCli.assertUsageError(run("new", "broadcast", root.resolve("x").toString()), "unknown challenge \"broadcast\"");
        TestCli.assertUsageError(run("new", "1", root.resolve("x").toString(), "--package", "my.class.echo"), "--package my.class.echo");
        TestCli.assertUsageError(run("new", "1", root.resolve("x").toString(), "--group-id", "my group"), "--group-id my group");
        assertThat(root.resolve("x")).doesNotExist();
        assertThat(run("new", "1", Files.createDirectories(root.resolve("empty")).toString()).status()).isZero();
    }

    @Test
    void theLauncherStartsTheJvmAsGlomersOwnLaunchersDo() throws IOException {
        run("new", "1", root.resolve("p").toString());
        Pattern options = Pattern.compile("opts=\\(([^)]*)\\)");
        Path ours = Path.of(System.getProperty("user.dir")).resolve("../bin/lib/launch-node").normalize();

        Matcher learners = options.matcher(Files.readString(root.resolve("p/bin/node")));
        Matcher glomers = options.matcher(Files.readString(ours));

        assertThat(learners.find()).isTrue();
        assertThat(glomers.find()).as(ours.toString()).isTrue();
        assertThat(learners.group(1).split("\\s+")).containsExactly(glomers.group(1).split("\\s+"));
    }
}
