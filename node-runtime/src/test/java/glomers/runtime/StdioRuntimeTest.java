package glomers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The production runtime, in-process: real event loop and wall clock, stdin/stdout as pipes. */
class StdioRuntimeTest {
    private static final long WAIT_SECONDS = 10;

    private PipedOutputStream stdin;
    private final LinkedBlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private Node node;
    private Thread nodeThread;
    private final Set<String> handlerThreads = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        stdin = new PipedOutputStream();
        PipedInputStream nodeIn = new PipedInputStream(stdin, 1 << 16);
        PipedInputStream fromNode = new PipedInputStream(1 << 16);
        PipedOutputStream nodeOut = new PipedOutputStream(fromNode);
        node = new Node(new StdioRuntime(nodeIn, nodeOut));
        node.on("echo", req -> {
            handlerThreads.add(Thread.currentThread().getName());
            req.reply(Body.of("echo_ok").put("echo", req.body().get("echo")));
        });
        node.on("later", req -> node.after(Duration.ofMillis(50), () -> {
            handlerThreads.add(Thread.currentThread().getName());
            req.reply(Body.of("later_ok"));
        }));
        node.on("ask", req -> node.rpc("n1", Body.of("question"), Duration.ofMillis(100))
                .onSuccess(reply -> req.reply(Body.of("ask_ok")))
                .onFailure(req::fail));
        nodeThread = new Thread(() -> {
            node.run();
            closeQuietly(nodeOut);
        }, "node-main");
        nodeThread.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(fromNode, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stdout.add(line);
                }
            } catch (IOException e) {
                stdout.add("READ FAILED " + e);
            }
            stdout.add("<EOF>");
        }, "stdout-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        closeQuietly(stdin);
        nodeThread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    private void write(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private Message nextMessage() throws InterruptedException {
        String line = stdout.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(line).as("a line from the node within " + WAIT_SECONDS + " s").isNotNull();
        return Message.parse(line);
    }

    private void init() throws IOException, InterruptedException {
        write("{\"id\":0,\"src\":\"c0\",\"dest\":\"n0\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\",\"n1\"]}}");
        Message initOk = nextMessage();
        assertThat(initOk.body().type()).isEqualTo("init_ok");
    }

    @Test
    void servesRequestsTimersAndRpcTimeoutsOnOneEventLoopThread() throws Exception {
        init();
        write("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"later\",\"msg_id\":1}}");
        write("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":2,\"echo\":\"now\"}}");

        Message first = nextMessage();
        Message second = nextMessage();
        assertThat(first.body().type()).as("the echo overtakes the timer").isEqualTo("echo_ok");
        assertThat(second.body().type()).isEqualTo("later_ok");
        assertThat(second.body().getLong("in_reply_to")).isEqualTo(1);

        write("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"ask\",\"msg_id\":3}}");
        Message question = nextMessage();
        assertThat(question.dest()).isEqualTo("n1");
        Message timedOut = nextMessage();
        assertThat(timedOut.body().getLong("code")).isEqualTo(ErrorCode.TIMEOUT.code());
        assertThat(timedOut.body().getLong("in_reply_to")).isEqualTo(3);

        assertThat(handlerThreads).hasSize(1);
        assertThat(handlerThreads.iterator().next()).startsWith("vert.x-eventloop-thread");
    }

    @Test
    void endOfInputHandlesEveryLineAlreadyReadThenReturns() throws Exception {
        init();
        for (int i = 1; i <= 200; i++) {
            write("{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":" + i + ",\"echo\":" + i + "}}");
        }
        stdin.close();

        nodeThread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(nodeThread.isAlive()).as("run() returned after end of input").isFalse();
        List<Long> answered = new java.util.ArrayList<>();
        String line;
        while (!(line = stdout.poll(WAIT_SECONDS, TimeUnit.SECONDS)).equals("<EOF>")) {
            answered.add(Message.parse(line).body().getLong("in_reply_to"));
        }
        assertThat(answered).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void endOfInputBeforeInitReturnsWithoutStartingAnything() throws Exception {
        stdin.close();
        nodeThread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(nodeThread.isAlive()).isFalse();
        assertThat(stdout.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("<EOF>");
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
