package glomers.harness.service;

import static glomers.harness.service.KvRequests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JsonKeyTest {

    private static void assertSameKey(JsonKey a, JsonKey b) {
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void integersAreEqualWhateverHoldsThem() {
        JsonKey one = JsonKey.of(IntNode.valueOf(1));
        assertSameKey(one, JsonKey.of(LongNode.valueOf(1)));
        assertSameKey(one, JsonKey.of(BigIntegerNode.valueOf(BigInteger.ONE)));
        assertSameKey(one, JsonKey.of(json("1")));
    }

    @Test
    void oneAndOnePointZeroAndTheStringOneAreThreeKeys() {
        assertThat(JsonKey.of(json("1"))).isNotEqualTo(JsonKey.of(json("1.0")))
                .isNotEqualTo(JsonKey.of(json("\"1\"")));
        assertThat(JsonKey.of(json("1.0"))).isNotEqualTo(JsonKey.of(json("\"1\"")));
        assertThat(JsonKey.of(json("true"))).isNotEqualTo(JsonKey.of(json("\"true\"")));
        assertThat(JsonKey.of(json("null"))).isNotEqualTo(JsonKey.of(json("\"null\"")));
    }

    @Test
    void floatsCompareByValue() {
        assertSameKey(JsonKey.of(json("1.0")), JsonKey.of(DecimalNode.valueOf(new BigDecimal("1.000"))));
        assertThat(JsonKey.of(json("1.5"))).isNotEqualTo(JsonKey.of(json("1.25")));
    }

    @Test
    void objectsIgnoreFieldOrderButArraysDoNot() {
        assertSameKey(JsonKey.of(json("{\"a\":1,\"b\":{\"c\":[1,2]}}")), JsonKey.of(json("{\"b\":{\"c\":[1,2]},\"a\":1}")));
        assertThat(JsonKey.of(json("[1,2]"))).isNotEqualTo(JsonKey.of(json("[2,1]")));
        assertThat(JsonKey.of(json("{\"a\":1}"))).isNotEqualTo(JsonKey.of(json("{\"a\":1.0}")));
        assertSameKey(JsonKey.of(json("[{\"n\":1}]")), JsonKey.of(json("[{\"n\":1}]")));
    }

    @Test
    void aKeyIsACopyOfTheJsonItCameFrom() {
        ObjectNode source = (ObjectNode) json("{\"a\":1}");
        JsonKey key = JsonKey.of(source);
        source.put("a", 2);
        assertSameKey(key, JsonKey.of(json("{\"a\":1}")));
    }
}
