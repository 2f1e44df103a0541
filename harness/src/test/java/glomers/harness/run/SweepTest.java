package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.check.Validity;
import glomers.harness.history.History;
import glomers.harness.nemesis.PartitionCount;
import glomers.harness.workload.EchoWorkload;
import glomers.runtime.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SweepTest {

    @Test
    void aSweepNamesExactlyTheSeedsOnWhichTheNodeFailsAndEachReplays() {
        RunOptions base = EchoAndUniqueIdsBenchTest.challenge1(1);

        List<Sweep.SeedResult> results = Sweep.run(base, 1, 30, FlakyEcho::new, 2);

        assertThat(results).extracting(Sweep.SeedResult::seed).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        List<Long> failing = results.stream().filter(r -> !r.valid()).map(Sweep.SeedResult::seed).toList();
        assertThat(failing).isNotEmpty().hasSizeLessThan(30);
        for (Sweep.SeedResult r : results) {
            RunResult replay = Runs.inProcess(base.withSeed(r.seed()), new EchoWorkload(), FlakyEcho::new);
            assertThat(replay.valid()).as("seed %d replays as the sweep found it", r.seed()).isEqualTo(r.valid());
            if (!r.valid()) {
                assertThat(r.whyInvalid()).as("one echo altered").isEqualTo("workload: 1 error");
                assertThat(r.outcome()).isEqualTo("invalid");
                assertThat(r.why()).isEqualTo("workload: 1 error");
            }
        }
        assertThat(Sweep.spread(results, Sweep.SeedResult::okFraction)).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void theListenerHearsOfEverySeedOnTheCallingThreadAndSeesEachWholeRun() {
        RunOptions base = EchoAndUniqueIdsBenchTest.challenge1(1);
        Thread caller = Thread.currentThread();
        List<Long> finished = new ArrayList<>();
        List<Long> dones = new ArrayList<>();
        List<Long> ran = Collections.synchronizedList(new ArrayList<>());

        Sweep.run(base, 5, 14, FlakyEcho::new, 3, new Sweep.Listener() {
            @Override
            public void ran(RunResult result) {
                assertThat(result.history().ops()).isNotEmpty();
                ran.add(result.options().seed());
            }

            @Override
            public void finished(Sweep.SeedResult seed, long done, long total) {
                assertThat(Thread.currentThread()).isSameAs(caller);
                assertThat(total).isEqualTo(10);
                finished.add(seed.seed());
                dones.add(done);
            }
        });

        assertThat(finished).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(5, 14).boxed().toList());
        assertThat(ran).containsExactlyInAnyOrderElementsOf(finished);
        assertThat(dones).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
    }

    @Test
    void aPartitionedSeedCarriesItsPartitions() {
        RunOptions partitioned = EchoAndUniqueIdsBenchTest.challenge1(1).withNodeCount(3).withPartitions(true);

        Sweep.SeedResult seed = Sweep.run(partitioned, 1, 1, FlakyEcho::new, 1).get(0);

        RunResult same = Runs.inProcess(partitioned, new EchoWorkload(), FlakyEcho::new);
        assertThat(seed.partitions()).isEqualTo(PartitionCount.of(same.history()));
        assertThat(seed.partitions().started()).isPositive();
    }

    private static RunResult checked(RunOptions options, Validity validity, String resultsJson) throws Exception {
        ObjectNode results = (ObjectNode) Json.mapper().readTree(resultsJson);
        return new RunResult(options, "sim", validity, null, results, new History(), Map.of(), 0, 0);
    }

    /** A txn-rw-register run's result whose node-order analysis found G0, Maelstrom's analysis nothing. */
    private static RunResult nodeOrderFound(boolean judged) throws Exception {
        RunOptions options = RunOptions.defaults("txn-rw-register");
        return checked(options.withKeyOptions(options.txn().withJudgeNodeOrder(judged)), judged ? Validity.INVALID : Validity.VALID, """
                {"availability": {"valid?": true, "ok-fraction": 1.0},
                 "net": {"valid?": true, "servers": {"msgs-per-op": 0.5}},
                 "workload": {"valid?": true, "anomaly-types": []},
                 "node-order": {"valid?": false, "anomaly-types": ["G0", "G1c"]}}""");
    }

    @Test
    void whyInvalidSaysWhatEachFailedCheckerFoundInAFewWords() throws Exception {
        Sweep.SeedResult broadcast = Sweep.summarize(checked(RunOptions.defaults("broadcast"), Validity.INVALID, """
                {"availability": {"valid?": false, "ok-fraction": 0.5},
                 "workload": {"valid?": false, "attempt-count": 99, "lost-count": 38, "never-read-count": 0, "stale-count": 51,
                              "stable-latencies": {"0.5": 120, "1": 800}},
                 "valid?": false}"""));
        Sweep.SeedResult kafka = Sweep.summarize(checked(RunOptions.defaults("kafka"), Validity.INVALID, """
                {"workload": {"valid?": false, "bad-error-types": ["lost-write", "unseen"], "errors": [1, 2]}}"""));

        assertThat(broadcast.whyInvalid()).isEqualTo("availability; workload: lost-count 38");
        assertThat(broadcast.stableLatencyMedianMillis()).isEqualTo(120);
        assertThat(broadcast.stableLatencyMaxMillis()).isEqualTo(800);
        assertThat(broadcast.serverMsgsPerOp()).as("no net figures").isNaN();
        assertThat(kafka.whyInvalid()).as("the types, before any count").isEqualTo("workload: lost-write, unseen");
    }

    @Test
    void nodeOrderFailuresCountOnlyWhenJudgedAndAreCarriedEitherWay() throws Exception {
        Sweep.SeedResult reported = Sweep.summarize(nodeOrderFound(false));
        assertThat(reported.valid()).isTrue();
        assertThat(reported.whyInvalid()).isNull();
        assertThat(reported.uncountedFailures()).isEqualTo("node-order: G0, G1c");
        assertThat(reported.serverMsgsPerOp()).isEqualTo(0.5);

        Sweep.SeedResult judged = Sweep.summarize(nodeOrderFound(true));
        assertThat(judged.outcome()).isEqualTo("invalid");
        assertThat(judged.whyInvalid()).isEqualTo("node-order: G0, G1c");
        assertThat(judged.uncountedFailures()).isNull();
    }

    @Test
    void emptyAndOverlongRangesAreRefused() {
        RunOptions base = EchoAndUniqueIdsBenchTest.challenge1(1);
        assertThatThrownBy(() -> Sweep.run(base, 5, 1, FlakyEcho::new, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Sweep.run(base, 1, Sweep.MAX_SEEDS + 1, FlakyEcho::new, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(Sweep.MAX_SEEDS));
    }

    private static Sweep.SeedResult seed(Validity validity) {
        return new Sweep.SeedResult(1, validity, validity == null ? "node n0 did not answer init" : null, 0, 1, Double.NaN,
                Double.NaN, 1, validity == Validity.VALID ? null : "workload", null, new PartitionCount(0, 0));
    }

    @Test
    void theExitStatusIsInvalidFirstThenAbortedThenUnknown() {
        Sweep.SeedResult valid = seed(Validity.VALID);
        Sweep.SeedResult invalid = seed(Validity.INVALID);
        Sweep.SeedResult unknown = seed(Validity.UNKNOWN);
        Sweep.SeedResult aborted = seed(null);

        assertThat(Sweep.exitStatus(List.of(valid, valid))).isZero();
        assertThat(Sweep.exitStatus(List.of(valid, invalid, unknown, aborted))).isEqualTo(1);
        assertThat(Sweep.exitStatus(List.of(aborted, invalid))).isEqualTo(1);
        assertThat(Sweep.exitStatus(List.of(valid, unknown, aborted))).isEqualTo(255);
        assertThat(Sweep.exitStatus(List.of(valid, aborted))).isEqualTo(255);
        assertThat(Sweep.exitStatus(List.of(unknown, valid))).isEqualTo(2);
        assertThat(aborted.why()).isEqualTo("node n0 did not answer init");
        assertThat(aborted.outcome()).isEqualTo("aborted");
        assertThat(valid.why()).isNull();
    }
}
