package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/glomers} itself, copied into an empty repository root: before a build, and passing words to Maven. */
class BinGlomersTest {
    /** The script in this repository; Maven runs the harness's tests from harness/. */
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).resolve("../bin/glomers").normalize();
    private static final long TIMEOUT_SECONDS = 30;

    @TempDir
    Path root;
    private Path glomers;

    private record Ran(int status, String out, String err) {
    }

    @BeforeEach
    void copyTheScript() throws IOException {
        assertThat(SCRIPT).as("bin/glomers, from harness/").isRegularFile();
        glomers = Files.createDirectories(root.resolve("bin")).resolve("glomers");
        Files.copy(SCRIPT, glomers);
    }

    /** Runs the copied script with bash, with {@code path} as PATH. */
    private Ran run(String path, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", glomers.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("PATH", path);
        env.remove("JAVA_HOME");
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("bin/glomers finished").isTrue();
        return new Ran(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A folder holding only the tools the script needs besides bash's builtins: no java, no mvn. */
    private String toolsOnly() throws IOException {
        Path tools = Files.createDirectories(root.resolve("tools"));
        for (String tool : new String[] {"readlink", "dirname"}) {
            Path wrapper = tools.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\nexec /usr/bin/" + tool + " \"$@\"\n");
            assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        }
        return tools.toString();
    }

    @Test
    void beforeABuildEveryCommandIsAUsageErrorThatSaysHowToBuild() throws Exception {
        for (String[] args : new String[][] {{"test", "1"}, {}, {"list"}}) {
            Ran ran = run(System.getenv("PATH"), args);

            assertThat(ran.status()).as(String.join(" ", args)).isEqualTo(GlomersCommand.BAD_ARGUMENTS);
            assertThat(ran.err()).contains("the bench is not built yet").contains("Try: bin/glomers build");
        }
    }

    @Test
    void buildHandsEveryFurtherWordToMaven() throws Exception {
        Path fakeBin = Files.createDirectories(root.resolve("fake-bin"));
        Path mvn = fakeBin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + root.resolve("mvn-args.txt") + "\"\n");
        assertThat(mvn.toFile().setExecutable(true)).isTrue();

        Ran ran = run(fakeBin + ":" + System.getenv("PATH"), "build", "-o", "-Dmaven.repo.local=/tmp/repo");

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(Files.readAllLines(root.resolve("mvn-args.txt")))
                .containsExactly("-q", "-f", root.toRealPath().resolve("pom.xml").toString(), "install", "-DskipTests",
                        "-o", "-Dmaven.repo.local=/tmp/repo");
    }

    @Test
    void buildWithoutMavenSaysWhatIsMissing() throws Exception {
        Ran ran = run(toolsOnly(), "build");

        assertThat(ran.status()).isEqualTo(255);
        assertThat(ran.err()).contains("mvn").contains("not on PATH");
    }

    @Test
    void aBuiltBenchWithoutJavaSaysWhatIsMissing() throws Exception {
        Path jar = Files.createDirectories(root.resolve("harness/target")).resolve("glomers.jar");
        Files.writeString(jar, "");

        Ran ran = run(toolsOnly(), "list");

        assertThat(ran.status()).isEqualTo(255);
        assertThat(ran.err()).contains("java is not on PATH");
    }
}
