package glomers.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyAndErrorTest {

    @Test
    void everyMaelstromCodeHasItsDefiniteFlag() {
        assertThat(ErrorCode.values()).extracting(ErrorCode::code)
                .containsExactly(0, 1, 10, 11, 12, 13, 14, 20, 21, 22, 30);
        assertThat(ErrorCode.values()).filteredOn(c -> !c.definite())
                .containsExactlyInAnyOrder(ErrorCode.TIMEOUT, ErrorCode.CRASH);
        assertThat(ErrorCode.isDefinite(1000)).as("user codes are indefinite").isFalse();
        assertThat(ErrorCode.isDefinite(99)).as("unknown codes are indefinite").isFalse();
        assertThat(ErrorCode.KEY_DOES_NOT_EXIST.maelstromName()).isEqualTo("key-does-not-exist");
    }

    @Test
    void anErrorBodyRoundTrips() {
        MaelstromException error = MaelstromException.abort("no");
        MaelstromException back = MaelstromException.fromErrorBody(error.toBody());
        assertThat(back.code()).isEqualTo(14);
        assertThat(back.text()).isEqualTo("no");
    }

    @Test
    void anErrorBodyWithoutACodeIsIndefinite() {
        MaelstromException error = MaelstromException.fromErrorBody(Body.parse("{\"type\":\"error\"}"));
        assertThat(error.definite()).isFalse();
    }

    @Test
    void anyOtherExceptionBecomesACrash() {
        MaelstromException error = MaelstromException.of(new ArithmeticException("/ by zero"));
        assertThat(error.is(ErrorCode.CRASH)).isTrue();
        assertThat(error.text()).contains("/ by zero");
        assertThat(error.getCause()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void typedGettersConvertOrFailAsMalformed() {
        Body body = Body.parse("{\"type\":\"topology\",\"topology\":{\"n0\":[\"n1\"],\"n1\":[\"n0\"]},\"flag\":true,\"n\":3}");

        Map<String, List<String>> topology = body.get("topology", new TypeReference<>() { });
        assertThat(topology).containsEntry("n0", List.of("n1"));
        assertThat(body.getBoolean("flag")).isTrue();
        assertThat(body.getInt("n")).isEqualTo(3);
        assertThatThrownBy(() -> body.get("flag", new TypeReference<Map<String, List<String>>>() { }))
                .isInstanceOfSatisfying(MaelstromException.class, e -> assertThat(e.is(ErrorCode.MALFORMED_REQUEST)).isTrue());
        assertThatThrownBy(() -> body.getString("n"))
                .isInstanceOfSatisfying(MaelstromException.class, e -> assertThat(e.text()).contains("must be a string"));
    }

    @Test
    void jsonValuesCompareAsMaelstromComparesThem() {
        assertThat(Json.sameValue(Json.tree(3L), Json.parse("3"))).isTrue();
        assertThat(Json.sameValue(Json.parse("1"), Json.parse("1.0"))).isFalse();
        assertThat(Json.sameValue(Json.parse("1"), Json.parse("\"1\""))).isFalse();
        assertThat(Json.sameValue(Json.parse("{\"a\":1,\"b\":[2]}"), Json.parse("{\"b\":[2],\"a\":1}"))).isTrue();
        assertThat(Json.sameValue(Json.parse("[1,2]"), Json.parse("[2,1]"))).isFalse();
    }

    @Test
    void aBodyMustHaveAType() {
        assertThatThrownBy(() -> Body.parse("{\"x\":1}")).isInstanceOf(MaelstromException.class);
        assertThatThrownBy(() -> Body.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesRoundTripThroughTheirLine() {
        Message message = new Message("n0", "c1", Body.of("echo_ok").put("echo", List.of(1, "a")).put("in_reply_to", 3));
        assertThat(Message.parse(message.toLine())).isEqualTo(message);
        assertThatThrownBy(() -> Message.parse("{\"src\":\"a\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dest");
    }
}
