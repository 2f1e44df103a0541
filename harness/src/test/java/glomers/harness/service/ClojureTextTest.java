package glomers.harness.service;

import static glomers.harness.service.KvRequests.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClojureTextTest {

    @Test
    void prStrPrintsParsedJsonAsClojureDoes() {
        assertThat(ClojureText.prStr(json("1"))).isEqualTo("1");
        assertThat(ClojureText.prStr(json("1.5"))).isEqualTo("1.5");
        assertThat(ClojureText.prStr(json("true"))).isEqualTo("true");
        assertThat(ClojureText.prStr(json("null"))).isEqualTo("nil");
        assertThat(ClojureText.prStr(json("\"a \\\"q\\\"\\n\""))).isEqualTo("\"a \\\"q\\\"\\n\"");
        assertThat(ClojureText.prStr(json("[1,\"b\",[]]"))).isEqualTo("[1 \"b\" []]");
        assertThat(ClojureText.prStr(json("{\"k\":[1,2],\"j\":null}"))).isEqualTo("{\"k\" [1 2], \"j\" nil}");
    }

    @Test
    void strPrintsStringsBareAndNullAsNothing() {
        assertThat(ClojureText.str(json("\"abc\""))).isEqualTo("abc");
        assertThat(ClojureText.str(json("null"))).isEmpty();
        assertThat(ClojureText.str(json("[\"a\"]"))).isEqualTo("[\"a\"]");
        assertThat(ClojureText.str(json("2"))).isEqualTo("2");
    }
}
