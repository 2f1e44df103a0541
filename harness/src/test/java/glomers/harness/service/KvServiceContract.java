package glomers.harness.service;

import static glomers.harness.service.KvRequests.assertError;
import static glomers.harness.service.KvRequests.cas;
import static glomers.harness.service.KvRequests.errorCode;
import static glomers.harness.service.KvRequests.json;
import static glomers.harness.service.KvRequests.read;
import static glomers.harness.service.KvRequests.value;
import static glomers.harness.service.KvRequests.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Body;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every KV service does for a single sender with a single copy of the state (spec §4.1).
 * Each service's test class extends this: seq-kv is linearizable for one sender, and lww-kv is
 * given a Random that always picks the same replica.
 */
abstract class KvServiceContract {
    static final String SRC = "n0";

    Service kv;

    abstract Service newService();

    @BeforeEach
    void createService() {
        kv = newService();
    }

    Body send(Body request) {
        return kv.handle(SRC, request);
    }

    @Test
    void readOfAMissingKeyIsError20() {
        assertError(send(read("k")), 20, "key does not exist");
    }

    @Test
    void writeThenReadReturnsTheLatestValue() {
        assertThat(send(write("k", 1))).isEqualTo(Body.of("write_ok"));
        assertThat(value(send(read("k")))).isEqualTo(json("1"));
        assertThat(send(write("k", "two")).type()).isEqualTo("write_ok");
        assertThat(value(send(read("k")))).isEqualTo(json("\"two\""));
        assertThat(send(write("k", "two")).type()).as("writing the same value again").isEqualTo("write_ok");
    }

    @Test
    void repliesCarryNeitherMsgIdNorInReplyTo() {
        send(write("k", 1).put("msg_id", 7));
        for (Body reply : List.of(send(read("k").put("msg_id", 8)), send(read("x").put("msg_id", 9)),
                send(cas("k", 1, 2).put("msg_id", 10)))) {
            assertThat(reply.has("msg_id")).isFalse();
            assertThat(reply.has("in_reply_to")).isFalse();
        }
        assertThat(send(read("k"))).isEqualTo(Body.of("read_ok").put("value", 2));
    }

    @Test
    void casSwapsWhenFromMatches() {
        send(write("k", 1));
        assertThat(send(cas("k", 1, 2))).isEqualTo(Body.of("cas_ok"));
        assertThat(value(send(read("k")))).isEqualTo(json("2"));
        assertThat(send(cas("k", 2, 2)).type()).as("a cas to the same value").isEqualTo("cas_ok");
    }

    @Test
    void casWithAnotherFromIsError22NamingTheCurrentValue() {
        send(write("k", 1));
        assertError(send(cas("k", 5, 6)), 22, "current value 1 is not 5");
        assertThat(value(send(read("k")))).isEqualTo(json("1"));
    }

    @Test
    void casOnAMissingKeyIsError20() {
        assertError(send(cas("k", 1, 2)), 20, "key does not exist");
        assertError(send(read("k")), 20, "key does not exist");
    }

    @Test
    void aFalseOrNullCreateFlagCreatesNothing() {
        assertThat(errorCode(send(cas("k", 1, 2).put("create_if_not_exists", false)))).isEqualTo(20);
        assertThat(errorCode(send(cas("k", 1, 2).put("create_if_not_exists", json("null"))))).isEqualTo(20);
        assertThat(errorCode(send(read("k")))).isEqualTo(20);
    }

    @Test
    void aRequestMissingARequiredFieldIsError12() {
        List<Body> malformed = List.of(
                Body.of("read"),
                Body.of("write").put("value", 1),
                Body.of("write").put("key", "k"),
                Body.of("cas").put("from", 1).put("to", 2),
                Body.of("cas").put("key", "k").put("to", 2),
                Body.of("cas").put("key", "k").put("from", 1));
        send(write("k", 1));
        for (Body request : malformed) {
            Body reply = send(request);
            assertThat(errorCode(reply)).as("reply to %s", request).isEqualTo(12);
            assertThat(reply.getString("text")).startsWith("missing field");
        }
        assertThat(value(send(read("k")))).as("nothing changed").isEqualTo(json("1"));
    }

    @Test
    void anUnknownTypeGetsNoReply() {
        ObjectNode noType = JsonNodeFactory.instance.objectNode().put("key", "k");
        ObjectNode numericType = JsonNodeFactory.instance.objectNode().put("type", 3);
        assertThat(send(Body.of("frobnicate").put("key", "k"))).isNull();
        assertThat(send(Body.of("ts"))).as("lin-tso's request").isNull();
        assertThat(send(Body.of("READ").put("key", "k"))).isNull();
        assertThat(send(Body.wrap(noType))).isNull();
        assertThat(send(Body.wrap(numericType))).isNull();
    }

    @Test
    void keysAreComparedAsJsonValues() {
        send(write(1, "int"));
        send(write("1", "string"));
        send(write(json("1.0"), "float"));
        assertThat(value(send(read(1L)))).as("a long 1 is the int key").isEqualTo(json("\"int\""));
        assertThat(value(send(read(BigInteger.ONE)))).isEqualTo(json("\"int\""));
        assertThat(value(send(read("1")))).isEqualTo(json("\"string\""));
        assertThat(value(send(read(json("1.0"))))).isEqualTo(json("\"float\""));
        assertThat(value(send(read(json("1.00"))))).isEqualTo(json("\"float\""));
        assertThat(errorCode(send(read(json("1.5"))))).isEqualTo(20);
    }

    @Test
    void valuesAreComparedAsJsonValues() {
        send(write("k", 1));
        assertError(send(cas("k", json("1.0"), 2)), 22, "current value 1 is not 1.0");
        assertError(send(cas("k", "1", 2)), 22, "current value 1 is not " + quotedIfPersistent("1"));
        assertThat(send(cas("k", 1L, json("2.0"))).type()).as("a long 1 is the int 1").isEqualTo("cas_ok");
        assertThat(value(send(read("k"))).isDouble()).as("the JSON type is kept").isTrue();
        assertThat(errorCode(send(cas("k", 2, 3)))).isEqualTo(22);
    }

    @Test
    void objectsAndArraysCompareByStructure() {
        send(write(json("{\"a\":1,\"b\":[1,2]}"), json("{\"x\":[1,{\"y\":null}],\"z\":true}")));
        assertThat(value(send(read(json("{\"b\":[1,2],\"a\":1}"))))).as("field order does not matter")
                .isEqualTo(json("{\"z\":true,\"x\":[1,{\"y\":null}]}"));
        assertThat(errorCode(send(read(json("{\"a\":1,\"b\":[2,1]}"))))).as("array order does").isEqualTo(20);
        assertThat(errorCode(send(read(json("{\"a\":1.0,\"b\":[1,2]}"))))).isEqualTo(20);
        assertThat(send(cas(json("{\"b\":[1,2],\"a\":1}"), json("{\"z\":true,\"x\":[1,{\"y\":null}]}"), 0)).type())
                .isEqualTo("cas_ok");
    }

    @Test
    void nullIsALegalKeyAndValue() {
        send(write(json("null"), json("null")));
        assertThat(value(send(read(json("null")))).isNull()).isTrue();
        assertThat(send(cas(json("null"), json("null"), 1)).type()).isEqualTo("cas_ok");
    }

    @Test
    void storedValuesAreIsolatedFromRequestsAndReplies() {
        Body request = write("k", json("{\"list\":[1]}"));
        send(request);
        ((ObjectNode) request.get("value")).put("list", "changed by the sender");
        Body reply = send(read("k"));
        ((ObjectNode) reply.get("value")).put("list", "changed by the reader");
        assertThat(value(send(read("k")))).isEqualTo(json("{\"list\":[1]}"));
    }

    /** How a cas error prints {@code from}: quoted by lin-kv and seq-kv, bare by lww-kv. */
    String quotedIfPersistent(String text) {
        return "\"" + text + "\"";
    }
}
