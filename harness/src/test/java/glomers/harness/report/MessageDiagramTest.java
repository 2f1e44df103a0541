package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.history.Op;
import glomers.harness.net.Journal;
import glomers.harness.net.Latency;
import glomers.harness.reference.ReferenceBroadcast;
import glomers.harness.run.Run;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.BroadcastWorkload;
import glomers.runtime.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * messages.html from the journal of a short partitioned broadcast run: the embedded data is the
 * journal, and in a real browser the page draws the window it opens on, the window and lines a
 * link asks for, and the messages a partition dropped.
 */
class MessageDiagramTest {
    /** One message of the journal: its ends, type, and send and receive in microseconds (receive -1 if never). */
    record Message(String src, String dest, String type, long sendMicros, long recvMicros) {
        boolean inWindow(long from, long to) {
            return sendMicros < to && (recvMicros >= 0 ? recvMicros : sendMicros) >= from;
        }
    }

    @TempDir
    static Path dir;
    static Path page;
    static List<Message> messages;

    @BeforeAll
    static void aPartitionedBroadcastRun() throws IOException {
        RunOptions options = new RunOptions("broadcast", 5, 2, 10, 5, 0, Latency.CONSTANT, true, 1, null, "grid", 3);
        Path journal = dir.resolve(Journal.FILE_NAME);
        RunResult result;
        try (Journal writing = Journal.writingTo(journal)) {
            result = Runs.inProcess(options, new BroadcastWorkload(), ReferenceBroadcast::new, Run.RunListener.NONE, writing);
        }
        List<String> history = new ArrayList<>();
        for (Op op : result.history().ops()) {
            history.add(op.toJson().toString());
        }
        Files.write(dir.resolve("history.jsonl"), history, StandardCharsets.UTF_8);
        page = MessageDiagram.writeInto(dir);
        messages = messages(journal);
    }

    static List<Message> messages(Path journal) throws IOException {
        Map<Long, Message> byId = new LinkedHashMap<>();
        Journal.forEach(journal, e -> {
            if (e.kind() == Journal.Kind.SEND) {
                byId.put(e.messageId(), new Message(e.src(), e.dest(), e.body().get("type").asText(), e.timeNanos() / 1000, -1));
            } else {
                Message sent = byId.get(e.messageId());
                byId.put(e.messageId(), new Message(sent.src(), sent.dest(), sent.type(), sent.sendMicros(), e.timeNanos() / 1000));
            }
        });
        return List.copyOf(byId.values());
    }

    static long count(long from, long to, Predicate<Message> which) {
        return messages.stream().filter(m -> m.inWindow(from, to) && which.test(m)).count();
    }

    /** The page's embedded data. */
    static JsonNode data(Path html) throws IOException {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"journal-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(Files.readString(html));
        assertThat(m.find()).isTrue();
        return Json.parse(m.group(1));
    }

    /** The embedded data decoded back into messages, as the page's script decodes it. */
    static List<Message> decode(JsonNode data) {
        int count = data.get("src").size();
        long[] send = new long[count];
        long[] recv = new long[count];
        java.util.Arrays.fill(recv, -1);
        int sent = 0;
        long t = 0;
        for (int e = 0; e < data.get("ev").size(); e++) {
            t += data.get("dt").get(e).asLong();
            int back = data.get("ev").get(e).asInt();
            if (back == 0) {
                send[sent++] = t;
            } else {
                recv[sent - back] = t;
            }
        }
        List<Message> decoded = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            decoded.add(new Message(data.get("names").get(data.get("src").get(m).asInt()).asText(),
                    data.get("names").get(data.get("dest").get(m).asInt()).asText(),
                    data.get("types").get(data.get("type").get(m).asInt()).asText(), send[m], recv[m]));
        }
        return decoded;
    }

    /** A data attribute of the page's #counts element, as a number. */
    static long figure(HeadlessBrowser.Loaded loaded, String attribute) {
        Matcher counts = Pattern.compile("<p id=\"counts\"([^>]*)>").matcher(loaded.dom());
        assertThat(counts.find()).as("the counts element").isTrue();
        Matcher value = Pattern.compile(attribute + "=\"(\\d+)\"").matcher(counts.group(1));
        assertThat(value.find()).as(attribute + " in " + counts.group(1)).isTrue();
        return Long.parseLong(value.group(1));
    }

    /** Messages drawn in the dumped page whose classes include {@code cssClass}; one tick can stand for several stubs. */
    static long drawnInDom(HeadlessBrowser.Loaded loaded, String cssClass) {
        return Pattern.compile("<g class=\"(msg [^\"]*)\" data-ms=\"([\\d,]+)\"").matcher(loaded.dom()).results()
                .filter(m -> List.of(m.group(1).split(" ")).contains(cssClass))
                .mapToLong(m -> m.group(2).split(",").length).sum();
    }

    static HeadlessBrowser.Loaded load(String hash) throws Exception {
        Path linked = dir.resolve("view.html");
        // Chromium's --dump-dom takes a file, not a URL with a hash: a page that sets it first stands in for the link.
        Files.writeString(linked, "<script>location.replace('" + page.toUri() + hash + "');</script>");
        HeadlessBrowser.Loaded loaded = HeadlessBrowser.require().load(hash.isEmpty() ? page : linked);
        assertThat(loaded.clean()).as("errors: %s", loaded.errors()).isTrue();
        return loaded;
    }

    @Test
    void theEmbeddedDataIsTheJournalEverySendAndReceiveInOrder() throws IOException {
        JsonNode data = data(page);

        assertThat(decode(data)).isEqualTo(messages);
        assertThat(messages).as("a partitioned run loses messages").anyMatch(m -> m.recvMicros() < 0);
        assertThat(data.get("left-out").asLong()).isZero();
        assertThat(data.get("partitions")).as("from the history's nemesis").isNotEmpty();
        assertThat(data.get("partitions").get(0).get(2).fieldNames()).toIterable().isNotEmpty();
    }

    @Test
    void linesComeInMaelstromsOrderClientsThenNodesByNumberThenServices() throws IOException {
        Path journal = dir.resolve("order.jsonl");
        List<String> lines = new ArrayList<>();
        String[][] pairs = {{"n10", "lin-kv"}, {"c10", "n2"}, {"c2", "n10"}, {"n2", "n1"}};
        for (int i = 0; i < pairs.length; i++) {
            lines.add("{\"time\":" + i + ",\"kind\":\"send\",\"id\":" + i + ",\"src\":\"" + pairs[i][0] + "\",\"dest\":\""
                    + pairs[i][1] + "\",\"body\":{\"type\":\"t\"}}");
        }
        Files.write(journal, lines);
        Path out = dir.resolve("order.html");
        MessageDiagram.write(journal, null, out);

        assertThat(Json.mapper().convertValue(data(out).get("names"), new TypeReference<List<String>>() {
        }))
                .containsExactly("c2", "c10", "n1", "n2", "n10", "lin-kv");
        assertThat(decode(data(out))).allMatch(m -> m.recvMicros() == -1, "never received");
    }

    @Test
    void aLongBodyIsCutToTheLimitAndItsTypeKeptOnlyInTheTypeTable() throws IOException {
        Path journal = dir.resolve("long.jsonl");
        String big = "x".repeat(3 * MessageDiagram.BODY_LIMIT);
        Files.writeString(journal, "{\"time\":5000,\"kind\":\"send\",\"id\":0,\"src\":\"n0\",\"dest\":\"n1\",\"body\":"
                + "{\"type\":\"gossip\",\"values\":\"" + big + "\",\"msg_id\":7}}\n"
                + "{\"time\":9000,\"kind\":\"recv\",\"id\":0,\"src\":\"n0\",\"dest\":\"n1\"}\n");

        Path out = dir.resolve("long.html");
        MessageDiagram.write(journal, null, out);
        JsonNode data = data(out);

        String body = data.get("bodies").get(data.get("body").get(0).asInt()).asText();
        assertThat(body).hasSize(MessageDiagram.BODY_LIMIT).startsWith("{\"values\":\"xxx").endsWith("x\u2026");
        assertThat(decode(data)).containsExactly(new Message("n0", "n1", "gossip", 5, 9));
    }

    @Test
    void aMalformedOrCutJournalIsAClearError() throws IOException {
        Path journal = dir.resolve("bad.jsonl");
        Path out = dir.resolve("bad.html");
        Files.writeString(journal, "{\"time\":0,\"kind\":\"send\",\"id\":0,\"src\":\"n0\",\"dest\":\"n1\",\"body\":{\"type\":\"t\"}}\n"
                + "{\"time\":1,\"kind\":\"se");
        assertThatThrownBy(() -> MessageDiagram.write(journal, null, out)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2 is not a journal event");

        Files.writeString(journal, "{\"time\":1,\"kind\":\"recv\",\"id\":4,\"src\":\"n0\",\"dest\":\"n1\"}\n");
        assertThatThrownBy(() -> MessageDiagram.write(journal, null, out)).isInstanceOf(IOException.class)
                .hasMessageContaining("receives message 4 with no send before it");

        Files.writeString(journal, "{\"time\":1,\"kind\":\"lost\",\"id\":4,\"src\":\"n0\",\"dest\":\"n1\"}\n");
        assertThatThrownBy(() -> MessageDiagram.write(journal, null, out)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 1 is not a journal event");

        byte[] whole = Files.readAllBytes(dir.resolve(Journal.FILE_NAME));
        Path cut = dir.resolve("cut.jsonl.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> MessageDiagram.write(cut, null, out)).isInstanceOf(IOException.class)
                .hasMessageContaining("cut.jsonl.gz");

        assertThat(MessageDiagram.writeInto(Files.createDirectories(dir.resolve("no-journal")))).as("nothing to draw").isNull();
    }

    @Test
    void aRunAbortedAtInitDrawsItsOneMessageAsNeverReceived() throws Exception {
        Path journal = dir.resolve("aborted.jsonl");
        Files.writeString(journal, "{\"time\":0,\"kind\":\"send\",\"id\":0,\"src\":\"c0\",\"dest\":\"n0\",\"body\":"
                + "{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n0\",\"node_ids\":[\"n0\"]}}\n");
        Path out = dir.resolve("aborted.html");
        MessageDiagram.write(journal, null, out);

        HeadlessBrowser.Loaded loaded = HeadlessBrowser.require().load(out);

        assertThat(loaded.clean()).as("errors: %s", loaded.errors()).isTrue();
        assertThat(figure(loaded, "data-in-window")).isEqualTo(1);
        assertThat(figure(loaded, "data-never-received")).isEqualTo(1);
        assertThat(drawnInDom(loaded, "lost")).isEqualTo(1);
    }

    @Test
    void thePageOpensOnTheRunsFirstWindowWithEveryMessageInItDrawn() throws Exception {
        HeadlessBrowser.Loaded loaded = load("");

        assertThat(figure(loaded, "data-from")).isZero();
        long to = figure(loaded, "data-to");
        long inWindow = count(0, to, m -> true);
        assertThat(to).as("a second, or less when a second holds more than get labels").isBetween(10_000L, 1_000_000L);
        assertThat(inWindow).isPositive();
        assertThat(figure(loaded, "data-in-window")).isEqualTo(inWindow);
        assertThat(figure(loaded, "data-arrows")).as("every line is shown").isEqualTo(inWindow);
        assertThat(figure(loaded, "data-stubs")).isZero();
        assertThat(drawnInDom(loaded, "msg")).isEqualTo(inWindow);
        assertThat(loaded.dom()).contains("data-line=\"n0\"", "data-type=\"broadcast\"");
    }

    @Test
    void aLinkedViewShowsItsWindowAndOnlyItsLinesWithStubsForTheOthers() throws Exception {
        Set<String> picked = Set.of("n1", "n2");
        HeadlessBrowser.Loaded loaded = load("#from=0.5&len=0.25&nodes=n1,n2&y=time");

        long from = 500_000;
        long to = 750_000;
        assertThat(figure(loaded, "data-from")).isEqualTo(from);
        assertThat(figure(loaded, "data-to")).isEqualTo(to);
        long between = count(from, to, m -> picked.contains(m.src()) && picked.contains(m.dest()));
        long oneEnd = count(from, to, m -> picked.contains(m.src()) != picked.contains(m.dest()));
        assertThat(between).isPositive();
        assertThat(figure(loaded, "data-in-window")).isEqualTo(count(from, to, m -> true)).isGreaterThan(between + oneEnd);
        assertThat(figure(loaded, "data-arrows")).isEqualTo(between);
        assertThat(figure(loaded, "data-stubs")).isEqualTo(oneEnd);
        assertThat(drawnInDom(loaded, "stub")).isEqualTo(oneEnd);
        assertThat(drawnInDom(loaded, "msg")).isEqualTo(between + oneEnd);
    }

    @Test
    void messagesAPartitionDroppedAreDrawnAsNeverReceivedInTheShadedPartition() throws Exception {
        Message lost = messages.stream().filter(m -> m.recvMicros() < 0 && !m.src().startsWith("c") && !m.dest().startsWith("c"))
                .findFirst().orElseThrow();
        long from = lost.sendMicros() / 1000 * 1000;
        HeadlessBrowser.Loaded loaded = load("#from=" + from / 1e6 + "&len=0.1&types=gossip,gossip_ack");

        long to = from + 100_000;
        assertThat(figure(loaded, "data-from")).isEqualTo(from);
        long neverReceived = count(from, to, m -> m.recvMicros() < 0 && Set.of("gossip", "gossip_ack").contains(m.type()));
        assertThat(neverReceived).isPositive();
        assertThat(figure(loaded, "data-never-received")).isEqualTo(neverReceived);
        assertThat(drawnInDom(loaded, "lost")).isEqualTo(neverReceived);
        assertThat(loaded.dom()).contains("<rect class=\"partition\"");
    }
}
