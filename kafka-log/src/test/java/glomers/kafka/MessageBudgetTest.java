package glomers.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The message budget of the README, on {@link KafkaLoad}'s model of challenge 5c (two nodes, four
 * clients, rate 1000, 20 s). Counts, not timings: the simulation's clock is manual, so each run
 * is exactly repeatable. The bench's figures, once its kafka workload exists, are the ones that
 * count; these check the design's arithmetic.
 */
class MessageBudgetTest {

    @Test
    void theOwnerStrategyStaysWellUnderFourTenthsOfAMessagePerOperation() {
        KafkaLoad.Result result = KafkaLoad.run(Strategy.OWNER, 1, 20);
        System.out.println("owner, 5c model: " + result);

        assertThat(result.ops()).as("rate 1000 for 20 s, then the final polls").isBetween(17_000L, 21_000L);
        assertThat(result.sendsFailed()).isZero();
        assertThat(result.msgsPerOp()).isLessThan(0.4);
    }

    @Test
    void theLinKvStrategyCostsSeveralMessagesPerOperationWhichIsWhy5cExists() {
        KafkaLoad.Result owner = KafkaLoad.run(Strategy.OWNER, 2, 2);
        KafkaLoad.Result linKv = KafkaLoad.run(Strategy.LIN_KV, 2, 2);
        System.out.println("lin-kv, 5c model, 2 s: " + linKv + "; owner: " + owner);

        assertThat(linKv.sendsFailed()).isZero();
        assertThat(linKv.msgsPerOp()).isGreaterThan(1).isGreaterThan(5 * owner.msgsPerOp());
    }
}
