package glomers.harness.workload.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.check.CheckResult;
import glomers.harness.check.Validity;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RwRegisterCheckerTest {
    private static final List<String> RU = List.of("read-uncommitted");
    private static final List<String> RC = List.of("read-committed");
    private static final List<String> SERIALIZABLE = List.of("serializable");

    private final TxnHistoryBuilder h = new TxnHistoryBuilder();

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> types(CheckResult r) {
        return strings(r.details().get("anomaly-types"));
    }

    /** The kinds of a cycle's steps (wr, ww, rw, process, realtime), in order. */
    static List<String> stepTypes(JsonNode cycle) {
        List<String> out = new ArrayList<>();
        cycle.get("steps").forEach(step -> out.add(step.get("type").asText()));
        return out;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Asserts the result is invalid with exactly this anomaly type, and returns its first case. */
    static JsonNode soleAnomaly(CheckResult r, String type) {
        assertThat(r.validity()).isEqualTo(Validity.INVALID);
        assertThat(r.details().get("valid?").booleanValue()).isFalse();
        assertThat(types(r)).containsExactly(type);
        return r.details().get("anomalies").get(type).get(0);
    }

    private CheckResult check(List<String> models) {
        return RwRegisterChecker.check(h.history, models);
    }

    /** The :also-not of the real Maelstrom's G1b run (shared/real-maelstrom/6c-txn-g1b-broken-node/results.edn). */
    static final List<String> G1_ALSO_NOT = List.of("causal-cerone", "consistent-view", "cursor-stability",
            "forward-consistent-view", "monotonic-atomic-view", "monotonic-snapshot-read", "monotonic-view",
            "parallel-snapshot-isolation", "prefix", "read-atomic", "repeatable-read", "serializable",
            "snapshot-isolation", "strong-read-committed", "strong-serializable", "strong-session-read-committed",
            "strong-session-serializable", "strong-session-snapshot-isolation", "strong-snapshot-isolation",
            "update-atomic", "update-serializable");

    @Test
    void intermediateReadIsG1bUnderReadCommittedButFineUnderReadUncommitted() {
        Op writer = h.ok(0, "w1=1", "w1=2");
        Op reader = h.ok(1, "r1=1");
        h.ok(2, "r1=2");                                  // a wr edge, so the graph is not empty

        CheckResult rc = check(RC);
        assertThat(rc.validity()).isEqualTo(Validity.INVALID);
        assertThat(rc.details().get("valid?").booleanValue()).isFalse();
        assertThat(types(rc)).containsExactly("G1b");
        // The keys of Maelstrom's workload result and of its G1b case (6c-txn-g1b-broken-node/results.edn).
        assertThat(fieldNames(rc.details())).containsExactly("valid?", "anomaly-types", "anomalies", "not", "also-not");
        JsonNode c = rc.details().get("anomalies").get("G1b").get(0);
        assertThat(fieldNames(c)).containsExactly("op", "mop", "writer", "explanation");
        assertThat(fieldNames(c.get("op"))).containsExactly("index", "time", "type", "process", "f", "value");
        assertThat(c.get("op").get("index").asLong()).isEqualTo(reader.index());
        assertThat(c.get("op").get("type").asText()).isEqualTo(":ok");
        assertThat(c.get("writer").get("index").asLong()).isEqualTo(writer.index());
        assertThat(c.get("mop").toString()).isEqualTo("[\"r\",1,1]");
        assertThat(c.get("explanation").asText()).contains("overwrote it with 2");
        assertThat(strings(rc.details().get("not"))).containsExactly("read-committed");
        assertThat(strings(rc.details().get("also-not"))).containsExactlyElementsOf(G1_ALSO_NOT);

        CheckResult ru = check(RU);
        assertThat(ru.validity()).isEqualTo(Validity.VALID);
        assertThat(fieldNames(ru.details())).containsExactly("valid?", "anomaly-types", "anomalies");
        assertThat(ru.details().get("anomaly-types")).isEmpty();
        assertThat(ru.details().get("anomalies").isNull()).isTrue();
    }

    @Test
    void readingAFailedWriteIsG1a() {
        Op failed = h.fail(0, "w1=1", "w2=1");
        Op reader = h.ok(1, "r1=1");
        h.ok(2, "w2=2");
        h.ok(3, "r2=2");

        CheckResult r = check(RC);
        JsonNode c = soleAnomaly(r, "G1a");
        assertThat(c.get("op").get("index").asLong()).isEqualTo(reader.index());
        assertThat(c.get("writer").get("index").asLong()).isEqualTo(failed.index());
        assertThat(c.get("writer").get("type").asText()).isEqualTo(":fail");
        assertThat(strings(r.details().get("not"))).containsExactly("read-committed");
        assertThat(check(RU).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void circularInformationFlowIsG1c() {
        h.ok(0, "w1=1", "r2=1");                          // T1 reads what T2 wrote
        h.ok(1, "r1=1", "w2=1");                          // T2 reads what T1 wrote

        JsonNode cycle = soleAnomaly(check(RC), "G1c");
        assertThat(cycle.get("type").asText()).isEqualTo("G1c");
        assertThat(cycle.get("cycle")).hasSize(3);
        assertThat(cycle.get("cycle").get(0)).isEqualTo(cycle.get("cycle").get(2));
        JsonNode steps = cycle.get("steps");
        assertThat(steps).hasSize(2);
        for (JsonNode step : steps) {
            assertThat(step.get("type").asText()).isEqualTo("wr");
            assertThat(step.get("explanation").asText()).matches("T\\d wrote key \\d = 1, which was read by T\\d");
        }
        assertThat(cycle.get("explanation").asText()).contains("However, T2 < T1, because").endsWith("a contradiction!");
        assertThat(check(RU).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void notSeeingOwnWriteIsInternalWhichOnlyStrongerModelsForbid() {
        Op bad = h.ok(0, "w1=5", "r1=6");
        h.ok(1, "w1=6");
        h.ok(2, "r1=5");

        JsonNode c = soleAnomaly(check(SERIALIZABLE), "internal");
        assertThat(c.get("op").get("index").asLong()).isEqualTo(bad.index());
        assertThat(c.get("expected").asLong()).isEqualTo(5);
        assertThat(c.get("mop").toString()).isEqualTo("[\"r\",1,6]");
        // Elle's read committed does not forbid internal anomalies (spec §3.6).
        assertThat(check(RC).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void readSkewIsGSingleItemForbiddenBySerializableNotByReadCommitted() {
        h.ok(0, "w1=1", "w2=1");
        h.ok(1, "r1=nil", "r2=1");                        // saw T1's y but not its x

        CheckResult s = check(SERIALIZABLE);
        JsonNode cycle = soleAnomaly(s, "G-single-item");
        assertThat(stepTypes(cycle)).containsExactlyInAnyOrder("wr", "rw");
        assertThat(cycle.toString()).contains("which came later in the version order (because every key starts as nil");
        assertThat(strings(s.details().get("not"))).containsExactly("consistent-view", "repeatable-read");
        assertThat(strings(s.details().get("also-not"))).contains("serializable", "snapshot-isolation",
                "strong-serializable").doesNotContain("read-committed", "cursor-stability");
        assertThat(check(RC).validity()).isEqualTo(Validity.VALID);
        assertThat(check(List.of("snapshot-isolation")).validity()).isEqualTo(Validity.INVALID);
    }

    @Test
    void writeSkewIsG2ItemAllowedBySnapshotIsolation() {
        h.ok(0, "r1=nil", "w2=1");
        h.ok(1, "r2=nil", "w1=1");

        CheckResult s = check(SERIALIZABLE);
        assertThat(types(s)).containsExactly("G2-item");
        assertThat(stepTypes(s.details().get("anomalies").get("G2-item").get(0))).containsExactly("rw", "rw");
        assertThat(check(List.of("snapshot-isolation")).validity()).isEqualTo(Validity.VALID);
        assertThat(check(List.of("repeatable-read")).validity()).isEqualTo(Validity.INVALID);
    }

    @Test
    void twoReadModifyWritesOfOneValueAreALostUpdate() {
        h.ok(0, "w1=1");
        Op a = h.ok(1, "r1=1", "w1=2");
        Op b = h.ok(2, "r1=1", "w1=3");

        CheckResult s = check(SERIALIZABLE);
        assertThat(types(s)).containsExactly("G2-item", "lost-update");
        JsonNode c = s.details().get("anomalies").get("lost-update").get(0);
        assertThat(c.get("key").asLong()).isEqualTo(1);
        assertThat(c.get("value").asLong()).isEqualTo(1);
        assertThat(c.get("txns").findValues("index").stream().map(JsonNode::asLong).toList())
                .containsExactly(a.index(), b.index());
        assertThat(strings(s.details().get("not"))).contains("cursor-stability", "update-atomic");
        assertThat(check(RC).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void readThenWriteInOppositeOrdersIsCyclicVersions() {
        h.ok(0, "r1=1", "w1=2");
        h.ok(1, "r1=2", "w1=1");

        CheckResult r = check(RU);
        assertThat(r.validity()).isEqualTo(Validity.INVALID);
        assertThat(types(r)).contains("cyclic-versions");
        JsonNode c = r.details().get("anomalies").get("cyclic-versions").get(0);
        assertThat(c.get("key").asLong()).isEqualTo(1);
        assertThat(c.get("scc").toString()).isEqualTo("[1,2]");
        assertThat(strings(c.get("sources"))).containsExactly("initial-state", "wfr-keys");
        assertThat(c.get("explanation").asText()).contains("op 1 read 1 and then wrote 2");
        assertThat(strings(r.details().get("not"))).containsExactly("read-uncommitted");
    }

    @Test
    void staleReadAfterACompletedWriteIsARealtimeAnomalyOnlyForStrictSerializable() {
        h.ok(0, "w1=1");
        h.ok(1, "r1=nil");                                // invoked after the write completed

        JsonNode cycle = soleAnomaly(check(RwRegisterChecker.DEFAULT_MODELS), "G-single-item-realtime");
        assertThat(stepTypes(cycle)).containsExactlyInAnyOrder("rw", "realtime");
        assertThat(cycle.get("steps").toString()).contains("completed at index 1, 0.001 seconds before the invocation of");
        assertThat(check(SERIALIZABLE).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void strongSessionModelsAddProcessEdges() {
        h.ok(0, "w1=1");
        h.ok(0, "r1=nil");                                // the same process fails to see its own write

        assertThat(RwRegisterChecker.additionalGraph(List.of("strong-session-serializable")))
                .isEqualTo(DependencyGraph.Rel.PROCESS);
        assertThat(RwRegisterChecker.additionalGraph(RC)).isNull();
        assertThat(RwRegisterChecker.additionalGraph(RwRegisterChecker.DEFAULT_MODELS))
                .isEqualTo(DependencyGraph.Rel.REALTIME);
        CheckResult r = check(List.of("strong-session-serializable"));
        assertThat(types(r)).containsExactly("G-single-item-process");
    }

    @Test
    void aGraphWithNoDependenciesIsEmptyTransactionGraphAndInvalidUnderMaelstrom() {
        h.ok(0, "w1=1");
        h.ok(1, "w2=1");
        h.fail(2, "r1=nil");

        CheckResult r = check(RC);
        assertThat(soleAnomaly(r, "empty-transaction-graph")).isNull(); // Elle's value is true, not a list of cases
        assertThat(r.details().get("anomalies").get("empty-transaction-graph").booleanValue()).isTrue();
        assertThat(r.details().get("not")).isEmpty();
        assertThat(r.details().get("also-not")).isEmpty();
    }

    @Test
    void aReadOfNilThenWriteIsAVertexSoTheGraphIsNotEmpty() {
        // Elle links the transaction to itself (rw, nil before 1) and drops the self-edge; the
        // vertex stays, so Elle does not call this graph empty.
        h.ok(0, "r1=nil", "w1=1");
        assertThat(check(RC).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void aGraphOfRwEdgesAloneIsNotEmptyUnderModelsThatForbidOnlyWriteCycles() {
        // Read committed and read uncommitted are settled by the wr and ww edges when they show
        // a cycle-free graph; here there are none, and the one rw edge (T1 read nil, T2 wrote 1)
        // must still count, as in Elle.
        h.ok(0, "r1=nil");
        h.ok(1, "w1=1");
        assertThat(check(RC).validity()).isEqualTo(Validity.VALID);
        assertThat(check(RU).validity()).isEqualTo(Validity.VALID);
    }

    @Test
    void aWriteCycleBesideAnAllowedReadSkewReportsWhatElleReports() {
        // G1c (forbidden by read committed) and G-single-item (allowed) in one history: the
        // search of wr and ww edges finds the first, and the result is the whole graph's.
        h.ok(0, "w1=1", "r2=1");
        h.ok(1, "r1=1", "w2=1");
        h.ok(2, "w3=1", "w4=1");
        h.ok(3, "r3=nil", "r4=1");

        CheckResult rc = check(RC);
        assertThat(types(rc)).containsExactly("G1c");
        assertThat(strings(rc.details().get("not"))).containsExactly("read-committed");
        assertThat(check(SERIALIZABLE).details().get("anomaly-types").toString())
                .contains("G1c").contains("G-single-item");
    }

    @Test
    void historiesElleRefusesAreUnknownWithAClearError() {
        h.ok(0, "w1=1");
        h.history.complete(h.history.invoke(5, 1, "txn", TxnHistoryBuilder.txn(true, "r1=nil"), false), 6,
                Op.Type.OK, glomers.runtime.Json.mapper().createArrayNode().add(
                        glomers.runtime.Json.mapper().createArrayNode().add("r").add("one").add(1)), null);
        CheckResult r = check(RC);
        assertThat(r.validity()).isEqualTo(Validity.UNKNOWN);
        assertThat(r.details().get("valid?").asText()).isEqualTo("unknown");
        assertThat(r.details().get("error").asText()).contains("mix of different types for transaction keys");

        TxnHistoryBuilder dup = new TxnHistoryBuilder();
        dup.ok(0, "w1=1");
        dup.ok(1, "w1=1");
        dup.ok(2, "r1=1");
        CheckResult d = RwRegisterChecker.check(dup.history, RC);
        assertThat(d.validity()).isEqualTo(Validity.UNKNOWN);
        assertThat(d.details().get("error").asText()).contains("Key 1 had value 1 written by more than one op");

        TxnHistoryBuilder malformed = new TxnHistoryBuilder();
        Op inv = malformed.invoke(0, "r1=nil");
        malformed.history.complete(inv, 9, Op.Type.OK, glomers.runtime.Json.mapper().createObjectNode(), null);
        assertThat(RwRegisterChecker.check(malformed.history, RC).details().get("error").asText())
                .contains("a txn's value is a list of [f, k, v] micro-ops");
    }

    @Test
    void unknownModelsAreRejectedNamingTheKnownOnes() {
        assertThatThrownBy(() -> check(List.of("read-comitted")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown consistency model [read-comitted]")
                .hasMessageContaining("read-committed");
    }

    @Test
    void aFailedCompletionWithoutAValueStandsForItsInvocation() {
        Op inv = h.invoke(0, "w1=1");
        h.history.complete(inv, 5, Op.Type.FAIL, null, "txn-conflict");
        h.ok(1, "r1=1");
        h.ok(2, "w1=2");
        h.ok(3, "r1=2");
        soleAnomaly(check(RC), "G1a");
    }

    @Test
    void nemesisEntriesAreIgnored() {
        h.history.nemesis(1, "start-partition", null);
        h.ok(0, "w1=1");
        h.ok(1, "r1=1");
        assertThat(check(RC).validity()).isEqualTo(Validity.VALID);
    }
}
