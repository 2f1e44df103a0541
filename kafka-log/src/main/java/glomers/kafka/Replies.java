package glomers.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Body;

/**
 * The four reply bodies, in the shapes Maelstrom's kafka client checks (closed schemas: no other
 * fields; src/maelstrom/workload/kafka.clj, {@code defrpc}).
 */
final class Replies {
    private Replies() {
    }

    /** {@code {"type":"send_ok","offset":12}} */
    static Body sendOk(long offset) {
        return Body.of("send_ok").put("offset", offset);
    }

    /** {@code {"type":"poll_ok","msgs":{"5":[[12,9],[13,5]]}}}: keys with nothing to return are left out. */
    static Body pollOk(ObjectNode msgs) {
        return Body.of("poll_ok").put("msgs", msgs);
    }

    /** {@code {"type":"commit_offsets_ok"}} */
    static Body commitOk() {
        return Body.of("commit_offsets_ok");
    }

    /** {@code {"type":"list_committed_offsets_ok","offsets":{"5":13}}}: keys without a committed offset are left out. */
    static Body listCommittedOk(ObjectNode offsets) {
        return Body.of("list_committed_offsets_ok").put("offsets", offsets);
    }
}
