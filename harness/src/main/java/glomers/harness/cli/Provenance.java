package glomers.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where and from what a run was made, for run.json: the project's git revision and whether its
 * tree had changes ({@code git}, or null when the project is no git checkout or git is missing:
 * never a failure), the Java version ({@code java}) and the processor count ({@code cores}).
 */
final class Provenance {
    /** How long one git command may take before the revision is left out. */
    private static final long GIT_TIMEOUT_SECONDS = 5;
    /** Asked once per project root: a sweep writing many folders asks git once. */
    private static final Map<Path, ObjectNode> GIT = new ConcurrentHashMap<>();

    private Provenance() {
    }

    /** Adds {@code git}, {@code java} and {@code cores} to {@code run}. */
    static void addTo(ObjectNode run, Path root) {
        ObjectNode git = GIT.computeIfAbsent(root.toAbsolutePath().normalize(), Provenance::git);
        run.set("git", git.isEmpty() ? Json.mapper().nullNode() : git.deepCopy());
        run.put("java", System.getProperty("java.version"));
        run.put("cores", Runtime.getRuntime().availableProcessors());
    }

    /** {@code {"revision": "<40 hex digits>", "dirty": true}}, or an empty object when git cannot say. */
    private static ObjectNode git(Path root) {
        ObjectNode git = Json.mapper().createObjectNode();
        String revision = gitOutput(root, "rev-parse", "HEAD");
        String changes = revision == null ? null : gitOutput(root, "status", "--porcelain");
        if (revision != null && changes != null) {
            git.put("revision", revision.strip());
            git.put("dirty", !changes.isBlank());
        }
        return git;
    }

    /** What {@code git -C root ARGS} printed, or null if it failed, took too long or git is missing. */
    private static String gitOutput(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Path out = null;
        try {
            out = Files.createTempFile("glomers-git", ".txt");
            Process git = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            git.getOutputStream().close();
            if (!git.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return null;
            }
            return git.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
