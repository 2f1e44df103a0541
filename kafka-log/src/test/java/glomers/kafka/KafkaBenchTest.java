package glomers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.Challenge;
import glomers.harness.run.RunOptions;
import glomers.harness.run.RunResult;
import glomers.harness.run.Runs;
import glomers.harness.workload.KafkaWorkload;
import org.junit.jupiter.api.Test;

/**
 * Whole runs of challenges 5a–5c on the local bench, in-process, with fixed seeds: each strategy
 * on the stages it is built for, healthy and partitioned. The long seed sweeps are commands whose
 * results the README records.
 */
class KafkaBenchTest {
    /** 5c, the default strategy: at most this many server messages per operation. */
    static final double MAX_MSGS_PER_OP = 0.4;
    /** Every :crash is :info, so a correct node's ok-fraction sits just under 1. */
    static final double MIN_OK_FRACTION = 0.9995;

    static RunOptions published(String challenge) {
        return Challenge.find(challenge).orElseThrow().options();
    }

    static RunResult run(RunOptions options, Strategy strategy) {
        return Runs.inProcess(options, new KafkaWorkload(options), () -> new KafkaLogNode(strategy));
    }

    private static void assertValid(RunResult result, String what) {
        assertThat(result.valid()).as("%s, seed %d: %s", what, result.options().seed(), result.results().get("workload")).isTrue();
        assertThat(result.results().at("/workload/error-types")).as(what).isEmpty();
    }

    @Test
    void singlePasses5a() {
        for (long seed = 1; seed <= 2; seed++) {
            assertValid(run(published("5a").withSeed(seed), Strategy.SINGLE), "single 5a");
        }
    }

    @Test
    void linKvPasses5aAnd5bHealthyAndPartitioned() {
        assertValid(run(published("5a"), Strategy.LIN_KV), "lin-kv 5a");
        assertValid(run(published("5b"), Strategy.LIN_KV), "lin-kv 5b");
        assertValid(run(published("5b").withPartitions(true).withSeed(2), Strategy.LIN_KV), "lin-kv 5b partitioned");
    }

    @Test
    void theDefaultPasses5cWithinItsMessageBudgetAndAvailability() {
        for (long seed = 1; seed <= 2; seed++) {
            RunResult result = run(published("5c").withSeed(seed), Strategy.DEFAULT);
            assertValid(result, "owner 5c");
            assertThat(result.results().at("/net/servers/msgs-per-op").asDouble()).isLessThanOrEqualTo(MAX_MSGS_PER_OP);
            assertThat(result.results().at("/availability/ok-fraction").asDouble()).isGreaterThanOrEqualTo(MIN_OK_FRACTION);
        }
        assertValid(run(published("5a"), Strategy.DEFAULT), "owner 5a");
    }

    /** Partitioned, a send whose key's owner is cut off gets a definite error (11) rather than a guess; nothing acknowledged is lost. */
    @Test
    void theDefaultStaysValidPartitionedAndRefusesSendsItCannotPlace() {
        for (long seed = 1; seed <= 2; seed++) {
            RunResult result = run(published("5c").withPartitions(true).withSeed(seed), Strategy.DEFAULT);
            assertValid(result, "owner 5c partitioned");
            assertThat(result.history().clientCompletions()).as("seed %d", seed)
                    .anySatisfy(op -> assertThat(op.error()).startsWith("[temporarily-unavailable"));
        }
    }
}
