package glomers.harness.run;

import glomers.harness.net.Latency;
import glomers.harness.workload.BroadcastWorkload;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How much memory the bench needs while a node floods the network: {@link StormNode} on 5 nodes
 * for 5 s at challenge 3b's rate, in-process ({@code sim}) or as child processes
 * ({@code process}). Prints the run's outcome, its {@code :net} counts and the bench's peak
 * resident memory (VmHWM). Run it from the repository root after {@code mvn -o -q -pl harness
 * -am package -DskipTests} (harness/README.md, "Memory"):
 * <pre>
 *   java -cp harness/target/glomers.jar:harness/target/test-classes glomers.harness.run.StormMemory sim
 * </pre>
 */
public final class StormMemory {
    private StormMemory() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "sim";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        RunOptions options = new RunOptions("broadcast", 5, seconds, 10, 5, 0, Latency.CONSTANT, false, 10, null, "grid", 1);
        RunResult result = switch (mode) {
            case "sim" -> Runs.inProcess(options, new BroadcastWorkload(), StormNode::new);
            case "process" -> Runs.processes(options, new BroadcastWorkload(), nodeScript(), List.of(), Run.RunListener.NONE);
            default -> throw new IllegalArgumentException("mode is sim or process, not " + mode);
        };
        System.out.println("mode            " + mode + ", " + seconds + " s, 5 nodes");
        System.out.println("verdict         " + (result.validity() == null ? "aborted: " + result.abortReason() : result.validity().ednName()));
        System.out.println("net             " + result.results().path("net"));
        System.out.println("wall            " + result.wallMillis() / 1000.0 + " s");
        System.out.println("peak resident   " + peakResidentMegabytes() + " MB (VmHWM of this JVM)");
    }

    /** A launcher for {@link StormNode} on this JVM's class path. */
    private static Path nodeScript() throws IOException {
        Path script = Files.createTempFile("storm-node", ".sh");
        script.toFile().deleteOnExit();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -cp '"
                + absoluteClassPath() + "' " + StormNode.class.getName() + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The nodes start in the temp dir, as Maelstrom starts them: they need this class path absolute. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static long peakResidentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
