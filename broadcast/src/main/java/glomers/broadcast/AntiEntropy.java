package glomers.broadcast;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Body;
import glomers.runtime.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repairs what partitions drop, for the strategies that send each value only once (fanout and
 * batch). No acknowledgements: nodes compare digests (see {@link OriginLogs}) instead.
 *
 * <p>A digest rides along on the strategy's own {@code values} messages, so a healthy, busy
 * cluster pays no extra message for it; a strategy sends one on its own only when a peer has had
 * none from this node for {@link #DIGEST_PERIOD_MILLIS}. On a digest from a peer, a node
 * <ul>
 *   <li><b>pulls</b>: where the peer holds more of an origin's values than it does, and they
 *       still have not come {@link #SETTLE_MILLIS} later (they may only be late), it asks the
 *       peer for them ({@code pull}), and the peer answers with them;</li>
 *   <li><b>pushes</b>: where it holds more than the peer, it sends them, but only values it has
 *       held for {@link #SETTLE_MILLIS}: a younger one may still be on its way to the peer by the
 *       ordinary path, and pushing it would only send it twice.</li>
 * </ul>
 * Answers to pulls, and pushes, are {@code values} messages marked {@code repair}: they carry no
 * digest, so a repair never sets off another exchange.
 *
 * <p>With constant latency a pull is never wasted even without that wait: whatever the peer held
 * when it sent its digest was sent to this node at least as early, along a path just as long.
 * Latency that varies reorders messages; the wait keeps late values from being fetched twice.
 */
final class AntiEntropy {
    /** A peer that has had no digest from this node for this long gets one on its own. */
    static final long DIGEST_PERIOD_MILLIS = 1_000;
    /** Values received less than this long ago may still be in flight to others; pushes leave them out. */
    static final long SETTLE_MILLIS = 1_000;
    /** After asking a peer for an origin's values, ask no one else for them for this long (after the settle wait). */
    static final long PULL_TIMEOUT_MILLIS = 1_000;
    /** At most this many values in one message; what does not fit goes in a later exchange. */
    static final int MAX_VALUES_PER_MESSAGE = 1_000;

    private static final TypeReference<List<Run>> RUNS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Integer>> SEQS = new TypeReference<>() { };

    private final Node node;
    private final OriginLogs logs;
    private final Runnable afterNewValues;
    /** peer -> when this node last sent it a digest. */
    private final Map<String, Long> lastDigestSent = new HashMap<>();
    /** origin -> until when a pull for its values is awaited. */
    private final Map<String, Long> pullAwaitedUntil = new HashMap<>();

    /**
     * @param afterNewValues runs after a message from a peer brought values new to this node
     */
    AntiEntropy(Node node, OriginLogs logs, Runnable afterNewValues) {
        this.node = node;
        this.logs = logs;
        this.afterNewValues = afterNewValues;
        node.on("values", message -> receiveValues(message.src(), message.body()));
        node.on("pull", message -> answerPull(message.src(), seqs(message.body(), "from")));
    }

    /** The ordinary path: values for {@code peer}, with this node's digest. */
    void send(String peer, List<Run> runs) {
        sendToEach(List.of(peer), runs);
    }

    /** The same values, with this node's digest, to each of {@code peers}: one body, built once. */
    void sendToEach(List<String> peers, List<Run> runs) {
        Body values = valuesMessage(runs);
        ObjectNode digest = values.json().putObject("digest");
        logs.digest().forEach(digest::put);
        for (String peer : peers) {
            lastDigestSent.put(peer, node.now());
            node.send(peer, values); // sending copies the body, so one serves every peer
        }
    }

    /**
     * {@code {"type": "values", "runs": [{"origin": "n3", "first": 12, "values": [207]}, …]}},
     * built as a tree: the same JSON as Jackson writes for the records, without its conversion.
     */
    private static Body valuesMessage(List<Run> runs) {
        Body body = Body.of("values");
        ArrayNode array = body.json().putArray("runs");
        for (Run run : runs) {
            ObjectNode json = array.addObject().put("origin", run.origin()).put("first", run.first());
            ArrayNode values = json.putArray("values");
            run.values().forEach(values::add);
        }
        return body;
    }

    /**
     * The runs of a {@code values} message. The shape nodes send (see {@link #valuesMessage}) is
     * read directly; any other goes through Jackson's conversion, which decides what is malformed.
     */
    private static List<Run> runs(Body body) {
        JsonNode array = body.get("runs");
        if (!array.isArray()) {
            return body.get("runs", RUNS);
        }
        List<Run> runs = new ArrayList<>(array.size());
        for (JsonNode json : array) {
            JsonNode origin = json.get("origin");
            JsonNode first = json.get("first");
            JsonNode values = json.get("values");
            if (json.size() != 3 || origin == null || !origin.isTextual() || first == null || !first.isInt()
                    || first.intValue() < 1 || values == null || !values.isArray()) {
                return body.get("runs", RUNS);
            }
            List<Long> longs = new ArrayList<>(values.size());
            for (JsonNode value : values) {
                if (!value.isInt() && !value.isLong()) {
                    return body.get("runs", RUNS);
                }
                longs.add(value.longValue());
            }
            runs.add(new Run(origin.textValue(), first.intValue(), longs));
        }
        return runs;
    }

    /** A map of origin to seq (a digest, a pull's {@code from}); read directly when every seq is an int, else by Jackson. */
    private static Map<String, Integer> seqs(Body body, String field) {
        JsonNode object = body.get(field);
        if (!object.isObject()) {
            return body.get(field, SEQS);
        }
        Map<String, Integer> seqs = new LinkedHashMap<>(object.size() * 4 / 3 + 1); // sized: no rehashing
        for (Iterator<Map.Entry<String, JsonNode>> entries = object.properties().iterator(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getValue().isInt()) {
                return body.get(field, SEQS);
            }
            seqs.put(entry.getKey(), entry.getValue().intValue());
        }
        return seqs;
    }

    /** This node's digest alone. */
    void sendDigest(String peer) {
        send(peer, List.of());
    }

    /** Whether {@code peer} has had no digest from this node for {@link #DIGEST_PERIOD_MILLIS}. */
    boolean digestDue(String peer) {
        Long last = lastDigestSent.get(peer);
        return last == null || node.now() - last >= DIGEST_PERIOD_MILLIS;
    }

    private void receiveValues(String peer, Body body) {
        boolean repair = body.has("repair") && body.getBoolean("repair");
        long settledAt = repair ? 0 : node.now() + SETTLE_MILLIS; // a repair is not in flight to anyone else
        boolean learned = false;
        for (Run run : runs(body)) {
            learned |= !logs.store(run, settledAt).isEmpty();
            if (repair) {
                pullAwaitedUntil.remove(run.origin());
            }
        }
        if (learned) {
            afterNewValues.run();
        }
        if (body.has("digest")) {
            reconcile(peer, seqs(body, "digest"));
        }
    }

    private void reconcile(String peer, Map<String, Integer> theirs) {
        long now = node.now();
        Map<String, Integer> lacking = new HashMap<>();
        theirs.forEach((origin, count) -> {
            if (count > logs.count(origin) && pullAwaitedUntil.getOrDefault(origin, Long.MIN_VALUE) <= now) {
                lacking.put(origin, count);
                pullAwaitedUntil.put(origin, now + SETTLE_MILLIS + PULL_TIMEOUT_MILLIS);
            }
        });
        if (!lacking.isEmpty()) {
            // They may simply still be on their way (latency that varies reorders messages): ask only if they do not come.
            node.after(Duration.ofMillis(SETTLE_MILLIS), () -> pullIfStillLacking(peer, lacking));
        }

        List<Run> missing = new ArrayList<>();
        int room = MAX_VALUES_PER_MESSAGE;
        for (String origin : logs.origins()) {
            int first = theirs.getOrDefault(origin, 0) + 1;
            if (origin.equals(peer) || room == 0 || logs.count(origin) < first) {
                continue; // a peer never lacks its own values
            }
            List<Long> settled = logs.read(origin, first, room, now);
            if (!settled.isEmpty()) {
                missing.add(new Run(origin, first, settled));
                room -= settled.size();
            }
        }
        sendRepair(peer, missing);
    }

    private void pullIfStillLacking(String peer, Map<String, Integer> lacking) {
        Map<String, Integer> from = new HashMap<>();
        lacking.forEach((origin, count) -> {
            int mine = logs.count(origin);
            if (mine < count) {
                from.put(origin, mine + 1);
            }
        });
        if (!from.isEmpty()) {
            node.send(peer, Body.of("pull").put("from", from));
        }
    }

    private void answerPull(String peer, Map<String, Integer> from) {
        List<Run> runs = new ArrayList<>();
        int room = MAX_VALUES_PER_MESSAGE;
        for (Map.Entry<String, Integer> wanted : from.entrySet()) {
            List<Long> values = logs.read(wanted.getKey(), wanted.getValue(), room, Long.MAX_VALUE);
            if (!values.isEmpty()) {
                runs.add(new Run(wanted.getKey(), wanted.getValue(), values));
                room -= values.size();
            }
        }
        sendRepair(peer, runs);
    }

    private void sendRepair(String peer, List<Run> runs) {
        if (!runs.isEmpty()) {
            node.send(peer, valuesMessage(runs).put("repair", true));
        }
    }
}
