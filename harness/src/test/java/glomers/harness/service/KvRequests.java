package glomers.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.runtime.Body;
import glomers.runtime.Json;
import java.util.Random;

/** Request bodies and reply checks shared by the service tests. Java values become JSON through {@link Json#tree}. */
final class KvRequests {
    private KvRequests() {
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    static Body read(Object key) {
        return Body.of("read").put("key", Json.tree(key));
    }

    static Body write(Object key, Object value) {
        return Body.of("write").put("key", Json.tree(key)).put("value", Json.tree(value));
    }

    static Body cas(Object key, Object from, Object to) {
        return Body.of("cas").put("key", Json.tree(key)).put("from", Json.tree(from)).put("to", Json.tree(to));
    }

    static Body casCreating(Object key, Object from, Object to) {
        return cas(key, from, to).put("create_if_not_exists", true);
    }

    /** The value of a read_ok reply. */
    static JsonNode value(Body reply) {
        assertThat(reply.type()).as("reply %s", reply).isEqualTo("read_ok");
        return reply.get("value");
    }

    /** The code of an error reply. */
    static int errorCode(Body reply) {
        assertThat(reply.type()).as("reply %s", reply).isEqualTo("error");
        return reply.getInt("code");
    }

    static void assertError(Body reply, int code, String text) {
        assertThat(errorCode(reply)).as("code of %s", reply).isEqualTo(code);
        assertThat(reply.getString("text")).isEqualTo(text);
    }

    static boolean isError(Body reply, int code) {
        return "error".equals(reply.type()) && reply.getInt("code") == code;
    }

    /** A read's value as a long, or -1 for "key does not exist". */
    static long readLong(Service service, String src, Object key) {
        Body reply = service.handle(src, read(key));
        if (isError(reply, 20)) {
            return -1;
        }
        return value(reply).longValue();
    }

    /** A Random that always draws 0: lww-kv then uses one replica, like a plain store. */
    static Random alwaysZero() {
        return new Random() {
            @Override
            public int nextInt(int bound) {
                return 0;
            }
        };
    }
}
