package glomers.harness.workload.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyModelsTest {
    @Test
    void readUncommittedAndReadCommittedProhibitWhatSpecSection36Lists() {
        assertThat(ConsistencyModels.anomaliesProhibitedBy(List.of("read-uncommitted")))
                .containsExactlyInAnyOrder("G0", "duplicate-elements", "cyclic-versions", "PL-1-cycle-exists");
        assertThat(ConsistencyModels.anomaliesProhibitedBy(List.of("read-committed")))
                .containsExactlyInAnyOrder("G0", "duplicate-elements", "cyclic-versions", "PL-1-cycle-exists",
                        "G1", "G1a", "G1b", "G1c", "PL-2-cycle-exists", "dirty-update", "incompatible-order",
                        "future-read")
                .doesNotContain("internal", "lost-update", "G-single-item");
    }

    @Test
    void strictSerializableProhibitsRealtimeAnomaliesAndSerializableDoesNot() {
        assertThat(ConsistencyModels.anomaliesProhibitedBy(List.of("strict-serializable")))
                .contains("G1c-realtime", "G-single-item-realtime", "G2-item-realtime", "G0-realtime",
                        "internal", "lost-update", "G-single-item", "G2-item", "G0");
        assertThat(ConsistencyModels.anomaliesProhibitedBy(List.of("serializable")))
                .contains("G2-item", "G-single-item", "internal", "lost-update")
                .noneMatch(a -> a.endsWith("-realtime") || a.endsWith("-process"));
        assertThat(ConsistencyModels.anomaliesProhibitedBy(List.of("snapshot-isolation")))
                .contains("G-single-item", "G-nonadjacent-item").doesNotContain("G2-item");
    }

    @Test
    void boundariesAreTheWeakestRuledOutModelsThenTheRest() {
        ConsistencyModels.Boundary g0 = ConsistencyModels.boundary(List.of("G0"));
        assertThat(g0.not()).containsExactly("read-uncommitted");
        assertThat(g0.alsoNot()).contains("read-committed", "serializable", "strong-serializable")
                .doesNotContain("read-uncommitted");
        ConsistencyModels.Boundary internal = ConsistencyModels.boundary(List.of("internal"));
        assertThat(internal.not()).containsExactly("read-atomic"); // every model forbidding internal implies it
        assertThat(internal.alsoNot()).contains("causal-cerone", "serializable", "snapshot-isolation")
                .doesNotContain("read-committed");
        ConsistencyModels.Boundary none = ConsistencyModels.boundary(List.of("empty-transaction-graph"));
        assertThat(none.not()).isEmpty();
        assertThat(none.alsoNot()).isEmpty();
    }

    @Test
    void namesAreCanonicalisedBothWays() {
        assertThat(ConsistencyModels.canonical("read-committed")).isEqualTo("PL-2");
        assertThat(ConsistencyModels.friendly("PL-2")).isEqualTo("read-committed");
        assertThat(ConsistencyModels.friendly("PL-SS")).isEqualTo("strong-serializable");
        assertThat(ConsistencyModels.friendly("PL-3")).isEqualTo("serializable");
        assertThat(ConsistencyModels.ALL_MODELS).contains("strict-serializable", "PL-SS", "update-atomic",
                "strong-session-snapshot-isolation");
        assertThatThrownBy(() -> ConsistencyModels.validate(List.of("linearisable")))
                .hasMessageContaining("unknown consistency model [linearisable]");
    }
}
