package glomers.broadcast;

import glomers.runtime.Body;
import glomers.runtime.Message;
import glomers.runtime.testing.ManualRuntime;
import java.util.List;
import java.util.Map;

/** Test helpers: one broadcast node on a manual runtime, and what it sent. */
final class Nodes {
    private Nodes() {
    }

    /** Node {@code id} of {@code ids}, initialised, with the given topology, nothing sent yet. */
    static ManualRuntime started(Strategy strategy, String id, List<String> ids, Map<String, List<String>> topology) {
        ManualRuntime runtime = new ManualRuntime();
        new BroadcastNode(strategy).install(runtime.node());
        runtime.init(id, ids.toArray(String[]::new));
        runtime.deliver("c1", Body.of("topology").put("msg_id", 1).put("topology", topology));
        runtime.takeSentMessages();
        return runtime;
    }

    static void broadcast(ManualRuntime runtime, long msgId, long value) {
        runtime.deliver("c9", Body.of("broadcast").put("msg_id", msgId).put("message", value));
    }

    /** The values a read returns now. */
    static List<Long> read(ManualRuntime runtime) {
        runtime.deliver("c9", Body.of("read").put("msg_id", 999));
        List<Message> sent = runtime.takeSentMessages();
        Message reply = sent.get(sent.size() - 1);
        return Json.longs(reply.body().get("messages"));
    }

    static List<Message> ofType(List<Message> messages, String type) {
        return messages.stream().filter(m -> type.equals(m.body().type())).toList();
    }

    /** JSON helpers for assertions. */
    static final class Json {
        private Json() {
        }

        static List<Long> longs(com.fasterxml.jackson.databind.JsonNode array) {
            List<Long> values = new java.util.ArrayList<>();
            array.forEach(v -> values.add(v.longValue()));
            return values;
        }
    }
}
