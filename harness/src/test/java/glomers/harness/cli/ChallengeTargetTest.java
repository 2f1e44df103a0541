package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.cli.ChallengeTarget.Baseline;
import glomers.harness.cli.ChallengeTarget.Checked;
import glomers.harness.cli.ChallengeTarget.Figure;
import glomers.runtime.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The targets table and the check of one run's results.json against it, with figures made by hand. */
class ChallengeTargetTest {
    /** A results.json with the figures the targets read; a null figure is left out. */
    static ObjectNode results(Double msgsPerOp, Double medianMillis, Double maxMillis, Double okFraction) {
        ObjectNode r = Json.mapper().createObjectNode();
        if (msgsPerOp != null) {
            r.putObject("net").putObject("servers").put("msgs-per-op", msgsPerOp);
        }
        ObjectNode latencies = r.putObject("workload").putObject("stable-latencies");
        if (medianMillis != null) {
            latencies.put("0.5", medianMillis);
        }
        if (maxMillis != null) {
            latencies.put("1", maxMillis);
        }
        if (okFraction != null) {
            r.putObject("availability").put("ok-fraction", okFraction);
        }
        return r;
    }

    private static Challenge challenge(String id) {
        return Challenge.find(id).orElseThrow();
    }

    private static List<Checked> check(String id, JsonNode results) {
        return ChallengeTarget.checkAll(challenge(id).targets(), results, other -> null);
    }

    private static List<Boolean> met(List<Checked> checked) {
        return checked.stream().map(Checked::met).toList();
    }

    @Test
    void theTableHoldsFlyIosTargetsForEachChallenge() {
        assertThat(challenge("3d").describeTargets())
                .isEqualTo("valid; msgs-per-op < 30, stable-latency-median < 400 ms, stable-latency-max < 600 ms");
        assertThat(challenge("3e").describeTargets())
                .isEqualTo("valid; msgs-per-op < 20, stable-latency-median < 1000 ms, stable-latency-max < 2000 ms");
        assertThat(challenge("5c").describeTargets()).isEqualTo("valid; msgs-per-op < 5b's");
        for (String totallyAvailable : List.of("2", "6a", "6b", "6c")) {
            assertThat(challenge(totallyAvailable).describeTargets()).as(totallyAvailable).isEqualTo("valid; ok-fraction >= 1");
        }
        for (String validOnly : List.of("1", "3a", "3b", "3c", "4", "5a", "5b")) {
            assertThat(challenge(validOnly).targets()).as(validOnly).isEmpty();
        }
    }

    @Test
    void a3dRunWithinEveryLimitMeetsEveryTarget() {
        List<Checked> checked = check("3d", results(11.9, 83.0, 99.0, 1.0));
        assertThat(met(checked)).containsExactly(true, true, true);
        assertThat(checked).extracting(Checked::line).containsExactly(
                "msgs-per-op 11.90 < 30  met", "stable-latency-median 83 ms < 400 ms  met", "stable-latency-max 99 ms < 600 ms  met");
        assertThat(ChallengeTarget.allMet(checked)).isTrue();
        assertThat(ChallengeTarget.anyMissed(checked)).isFalse();
    }

    @Test
    void eachOf3dsTargetsIsMissedOnItsOwn() {
        assertThat(met(check("3d", results(30.0, 83.0, 99.0, 1.0)))).as("30 is not under 30").containsExactly(false, true, true);
        assertThat(met(check("3d", results(11.9, 401.0, 450.0, 1.0)))).containsExactly(true, false, true);
        assertThat(met(check("3d", results(11.9, 83.0, 600.0, 1.0)))).containsExactly(true, true, false);
        List<Checked> slow = check("3d", results(11.9, 438.0, 795.0, 1.0));
        assertThat(slow).extracting(Checked::line).containsExactly("msgs-per-op 11.90 < 30  met",
                "stable-latency-median 438 ms < 400 ms  missed", "stable-latency-max 795 ms < 600 ms  missed");
        assertThat(slow).extracting(Checked::comparison).element(1).isEqualTo("stable-latency-median 438 ms < 400 ms");
    }

    @Test
    void aFigureTheRunDoesNotHaveMissesItsTarget() {
        List<Checked> checked = check("3e", results(0.7, null, null, 1.0));
        assertThat(met(checked)).containsExactly(true, false, false);
        assertThat(checked.get(1).line()).isEqualTo("stable-latency-median - < 1000 ms  missed (the run has no stable-latency-median)");
        assertThat(checked.get(1).toJson().get("figure").isNull()).isTrue();
    }

    @Test
    void availabilityTargetsAskForEveryOperationOk() {
        assertThat(met(check("2", results(0.0, null, null, 1.0)))).containsExactly(true);
        List<Checked> short1 = check("6c", results(0.02, null, null, 0.9999));
        assertThat(met(short1)).containsExactly(false);
        assertThat(short1.get(0).line()).isEqualTo("ok-fraction 0.9999 >= 1  missed");
    }

    @Test
    void fiveCComparesWithTheBaselineItIsGivenAndIsUndecidedWithoutOne() {
        List<ChallengeTarget> targets = challenge("5c").targets();
        Baseline fiveB = new Baseline("20261130T115737.532Z-5b-lin-kv-sim-seed1", results(8.15, null, null, 0.9996));

        List<Checked> none = ChallengeTarget.checkAll(targets, results(0.21, null, null, 1.0), other -> null);
        assertThat(met(none)).containsExactly((Boolean) null);
        assertThat(none.get(0).line()).isEqualTo("msgs-per-op 0.21 < 5b's  no 5b run of this node to compare with");
        assertThat(ChallengeTarget.anyMissed(none)).as("neither met nor missed").isFalse();
        assertThat(ChallengeTarget.allMet(none)).isFalse();
        assertThat(none.get(0).toJson().get("met").isNull()).isTrue();

        List<Checked> fewer = ChallengeTarget.checkAll(targets, results(0.21, null, null, 1.0), Map.of("5b", fiveB)::get);
        assertThat(met(fewer)).containsExactly(true);
        assertThat(fewer.get(0).line()).isEqualTo("msgs-per-op 0.21 < 8.15 (5b: 20261130T115737.532Z-5b-lin-kv-sim-seed1)  met");
        assertThat(fewer.get(0).toJson().get("limit").asDouble()).isEqualTo(8.15);
        assertThat(fewer.get(0).toJson().get("compared-with").asText()).isEqualTo("5b: " + fiveB.folder());

        assertThat(met(ChallengeTarget.checkAll(targets, results(8.15, null, null, 1.0), Map.of("5b", fiveB)::get)))
                .as("as many as 5b is not fewer").containsExactly(false);
    }

    @Test
    void requireTargetsTurnsOnlyAValidRunsMissIntoExitStatus3() {
        List<Checked> missed = check("3d", results(31.0, 83.0, 99.0, 1.0));
        List<Checked> met = check("3d", results(11.9, 83.0, 99.0, 1.0));
        List<Checked> undecided = ChallengeTarget.checkAll(challenge("5c").targets(), results(1.0, null, null, 1.0), o -> null);
        assertThat(GlomersCommand.TARGETS_MISSED).isEqualTo(3);
        assertThat(ChallengeTarget.exitStatus(0, missed, true)).isEqualTo(3);
        assertThat(ChallengeTarget.exitStatus(0, missed, false)).isZero();
        assertThat(ChallengeTarget.exitStatus(1, missed, true)).as("invalid stays invalid").isEqualTo(1);
        assertThat(ChallengeTarget.exitStatus(255, List.of(), true)).isEqualTo(255);
        assertThat(ChallengeTarget.exitStatus(0, met, true)).isZero();
        assertThat(ChallengeTarget.exitStatus(0, undecided, true)).as("nothing to compare with is no miss").isZero();
    }

    @Test
    void aTargetHasALimitOrARunToCompareWithNeverBoth() {
        assertThatThrownBy(() -> new ChallengeTarget(Figure.MSGS_PER_OP, true, 3, "5b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChallengeTarget(Figure.MSGS_PER_OP, true, Double.NaN, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
