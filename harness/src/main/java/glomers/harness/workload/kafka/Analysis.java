package glomers.harness.workload.kafka;

/**
 * What every per-error analysis works from: the parsed history, the version orders read from it,
 * and where found errors go (jepsen {@code tests/kafka.clj}'s partial {@code analysis} map).
 */
abstract class Analysis {
    protected final KafkaHistory history;
    protected final VersionOrders orders;
    protected final Errors errors;

    Analysis(KafkaHistory history, VersionOrders orders, Errors errors) {
        this.history = history;
        this.orders = orders;
        this.errors = errors;
    }
}
