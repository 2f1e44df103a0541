package glomers.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Measurement 4, idle memory: the resident set size (VmRSS in {@code /proc/<pid>/status}) of a
 * node that has answered init and one echo, right away and after {@link Limits#IDLE_PERIOD}.
 * The process's descendants are added in, so a launcher that starts java as a child instead of
 * exec'ing it is measured with its JVM; with {@code exec} the pid is the JVM's own.
 */
final class MemoryBench {
    /** Kilobytes (KiB, as /proc counts them), or empty where /proc could not be read. */
    record Result(OptionalLong afterReplyKb, OptionalLong afterIdleKb, long processes) {
    }

    private MemoryBench() {
    }

    static Result run(Spawner spawner) {
        try (Child node = spawner.startNode("n0")) {
            node.send(Protocol.initRequest("n0", List.of("n0")));
            Protocol.requireInitOk(node.name(), node.readLine(Limits.SINGLE_WAIT, "init_ok"));
            node.send(Protocol.echoRequest(1));
            String reply = node.readLine(Limits.SINGLE_WAIT, "echo_ok");
            if (Protocol.inReplyTo(reply) != 1 || !Protocol.isEchoOkFor(reply, 1)) {
                throw new BenchmarkFailure(node.name() + " answered echo 1 with: " + reply);
            }
            OptionalLong afterReply = rssOfTreeKb(node.pid());
            sleep(Limits.IDLE_PERIOD);
            if (!node.isAlive()) {
                throw node.endedBefore("the end of its " + Limits.seconds(Limits.IDLE_PERIOD) + " idle period");
            }
            OptionalLong afterIdle = rssOfTreeKb(node.pid());
            long processes = 1 + ProcessHandle.of(node.pid()).map(p -> p.descendants().count()).orElse(0L);
            node.finish(Limits.SINGLE_WAIT);
            return new Result(afterReply, afterIdle, processes);
        }
    }

    /** VmRSS of {@code pid} plus all its descendants, or empty if /proc cannot tell. */
    static OptionalLong rssOfTreeKb(long pid) {
        OptionalLong own = rssKb(pid);
        if (own.isEmpty()) {
            return own;
        }
        long total = own.getAsLong();
        List<ProcessHandle> descendants = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
        for (ProcessHandle child : descendants) {
            total += rssKb(child.pid()).orElse(0);
        }
        return OptionalLong.of(total);
    }

    /** The VmRSS line of {@code /proc/<pid>/status}, in kB. */
    static OptionalLong rssKb(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .findFirst()
                    .map(MemoryBench::parseKb)
                    .orElse(OptionalLong.empty());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code "VmRSS:     45312 kB"} to 45312. */
    static OptionalLong parseKb(String statusLine) {
        String[] parts = statusLine.trim().split("\\s+");
        if (parts.length == 3 && parts[2].equals("kB")) {
            try {
                return OptionalLong.of(Long.parseLong(parts[1]));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while the node was idle");
        }
    }
}
