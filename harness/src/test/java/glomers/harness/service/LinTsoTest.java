package glomers.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import org.junit.jupiter.api.Test;

class LinTsoTest {
    private final LinTso tso = new LinTso();

    @Test
    void timestampsCountUpFromZeroAcrossSenders() {
        assertThat(tso.id()).isEqualTo("lin-tso");
        long previous = -1;
        for (int i = 0; i < 1000; i++) {
            Body reply = tso.handle("n" + (i % 3), Body.of("ts").put("msg_id", i));
            assertThat(reply.type()).isEqualTo("ts_ok");
            assertThat(reply.json().size()).as("only type and ts").isEqualTo(2);
            long ts = reply.getLong("ts");
            assertThat(ts).isEqualTo(i).isGreaterThan(previous);
            previous = ts;
        }
    }

    @Test
    void anyOtherTypeGetsNoReplyAndUsesNoTimestamp() {
        assertThat(tso.handle("n0", Body.of("read").put("key", "k"))).isNull();
        assertThat(tso.handle("n0", Body.of("ts_ok"))).isNull();
        assertThat(tso.handle("n0", Body.of("ts").put("extra", true)).getLong("ts")).isZero();
    }
}
