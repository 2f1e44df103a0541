package glomers.harness.workload.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.runtime.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MopTest {
    @Test
    void orderPutsNilFirstThenNumbersByValueThenTheRestByText() {
        BigInteger huge = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.TEN);
        List<Object> values = new ArrayList<>(Arrays.asList("b", 3L, huge, null, -7L, "a", Long.MIN_VALUE, 12L));

        values.sort(Mop.ORDER);

        assertThat(values).containsExactly(null, Long.MIN_VALUE, -7L, 3L, 12L, huge, "a", "b");
    }

    @Test
    void longsCompareAsTheirValuesWhateverTheirWidth() {
        assertThat(Mop.ORDER.compare(5L, 5L)).isZero();
        assertThat(Mop.ORDER.compare(-1L, 1L)).isNegative();
        assertThat(Mop.ORDER.compare(Long.MAX_VALUE, Long.MIN_VALUE)).isPositive();
        assertThat(Mop.ORDER.compare(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), Long.MAX_VALUE)).isPositive();
    }

    @Test
    void parsesReadsAndWritesAndRefusesAnythingElse() throws Exception {
        assertThat(Mop.parse(Json.mapper().readTree("[\"r\", 1, null]"))).isEqualTo(new Mop(true, 1L, null));
        assertThat(Mop.parse(Json.mapper().readTree("[\"w\", 2, 9]"))).isEqualTo(new Mop(false, 2L, 9L));
        assertThatThrownBy(() -> Mop.parse(Json.mapper().readTree("[\"x\", 1, 2]"))).hasMessageContaining("\"r\" or \"w\"");
        assertThatThrownBy(() -> Mop.parse(Json.mapper().readTree("[\"r\", 1]"))).hasMessageContaining("[\"r\"|\"w\", key, value]");
    }
}
