package glomers.harness.workload.kafka;

/**
 * A history the kafka checker cannot judge: an operation of the wrong shape, or a polled message
 * that no send wrote. Jepsen's checker throws on the latter ({@code :no-writer-of-value}), which
 * Maelstrom reports as {@code :valid? :unknown}; {@link KafkaChecker#check} does the same, with
 * this message as the reason.
 */
final class MalformedHistory extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedHistory(String message) {
        super(message, null, false, false);
    }
}
