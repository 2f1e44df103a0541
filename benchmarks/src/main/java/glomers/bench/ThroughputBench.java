package glomers.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.StringJoiner;

/**
 * Measurement 3, echo throughput: one node, a writer thread pouring echo requests into its stdin
 * without waiting, and this thread reading the replies. {@link Limits#THROUGHPUT_RUNS} runs go
 * to the same node process, so the first run also warms it up.
 */
final class ThroughputBench {
    /** One run: {@code messages} echo round trips in {@code nanos}. */
    record Run(int number, int messages, long nanos) {
        double perSecond() {
            return messages / (nanos / 1e9);
        }
    }

    private ThroughputBench() {
    }

    static List<Run> run(Spawner spawner, int messages) {
        List<Run> runs = new ArrayList<>();
        try (Child node = spawner.startNode("n0")) {
            node.send(Protocol.initRequest("n0", List.of("n0")));
            Protocol.requireInitOk(node.name(), node.readLine(Limits.SINGLE_WAIT, "init_ok"));
            for (int number = 1; number <= Limits.THROUGHPUT_RUNS; number++) {
                runs.add(runOnce(node, messages, number));
            }
            node.finish(Limits.SINGLE_WAIT);
        }
        return runs;
    }

    /** Echo requests 1..messages; from the first write until the last echo_ok has been read. */
    private static Run runOnce(Child node, int messages, int number) {
        EchoWriter writer = new EchoWriter(node.stdin(), messages);
        Thread writing = new Thread(writer, "echo writer");
        writing.setDaemon(true);
        BitSet seen = new BitSet(messages + 1);
        long lastReply;
        try (Watchdog watchdog = Watchdog.watch(Limits.SINGLE_WAIT, "echo_ok", List.of(node))) {
            writing.start();
            for (int replies = 0; replies < messages; replies++) {
                String line = node.readLineOrNull();
                if (line == null) {
                    throw new BenchmarkFailure(node.endedBefore("all echo_ok replies").getMessage()
                            + " (run " + number + ": " + replies + " of " + messages + " replies read; "
                            + unanswered(seen, messages) + ")");
                }
                seen.set(checkedEchoOk(node, line, messages));
                watchdog.progress();
            }
            lastReply = System.nanoTime();
        }
        writer.awaitDone(writing);
        requireAllAnswered(seen, messages, number);
        return new Run(number, messages, lastReply - writer.firstWriteNanos());
    }

    /** The reply's in_reply_to, after checking that it is an echo_ok for one of our requests. */
    private static int checkedEchoOk(Child node, String line, int messages) {
        long k = Protocol.inReplyTo(line);
        if (k < 1 || k > messages || !Protocol.isEchoOkFor(line, k)) {
            throw new BenchmarkFailure(node.name() + " answered an echo request with something other than"
                    + " its echo_ok: " + line);
        }
        return (int) k;
    }

    /** Every in_reply_to 1..messages must have been seen; counting replies alone misses duplicates. */
    static void requireAllAnswered(BitSet seen, int messages, int number) {
        int distinct = distinct(seen, messages);
        if (distinct != messages) {
            throw new BenchmarkFailure("echo run " + number + ": " + messages + " echo_ok replies arrived, but only "
                    + distinct + " distinct in_reply_to values among them, so some requests were answered twice; "
                    + unanswered(seen, messages));
        }
    }

    static int distinct(BitSet seen, int messages) {
        return seen.get(1, messages + 1).cardinality();
    }

    /** E.g. "2 requests unanswered: msg_id 17, 42", naming at most {@link Limits#MISSING_IDS_SHOWN}. */
    static String unanswered(BitSet seen, int messages) {
        int missing = messages - distinct(seen, messages);
        StringJoiner ids = new StringJoiner(", ");
        int shown = 0;
        for (int k = seen.nextClearBit(1); k <= messages && shown < Limits.MISSING_IDS_SHOWN;
                k = seen.nextClearBit(k + 1)) {
            ids.add(String.valueOf(k));
            shown++;
        }
        return missing + (missing == 1 ? " request" : " requests") + " unanswered: msg_id " + ids
                + (missing > shown ? ", ..." : "");
    }

    /** Writes echo requests 1..messages as fast as the pipe takes them, then flushes. */
    private static final class EchoWriter implements Runnable {
        private final OutputStream out;
        private final int messages;
        private volatile long firstWriteNanos;
        private volatile IOException failure;

        EchoWriter(OutputStream stdin, int messages) {
            this.out = new BufferedOutputStream(stdin, Limits.PIPE_BUFFER_BYTES);
            this.messages = messages;
        }

        @Override
        public void run() {
            firstWriteNanos = System.nanoTime();
            try {
                for (int k = 1; k <= messages; k++) {
                    out.write((Protocol.echoRequest(k) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush(); // stdin stays open: the node keeps running for the next run
            } catch (IOException e) {
                failure = e;
            }
        }

        long firstWriteNanos() {
            return firstWriteNanos;
        }

        void awaitDone(Thread writing) {
            try {
                writing.join(Limits.SINGLE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (writing.isAlive()) {
                throw new BenchmarkFailure("the echo writer was still writing " + Limits.seconds(Limits.SINGLE_WAIT)
                        + " after the last reply");
            }
            if (failure != null) {
                throw new BenchmarkFailure("writing echo requests failed: " + failure.getMessage(), failure);
            }
        }
    }
}
