package glomers.kafka;

import glomers.runtime.Request;
import java.util.List;
import java.util.Map;

/**
 * What the strategies that keep the logs in this node's memory (single, owner) share: polls and
 * list_committed_offsets answered at once from {@link LocalLogs}, without a message.
 */
abstract class MemoryLog implements Logs {
    /** This node's logs (for the owner strategy: its own keys' and its copies of the others') and committed offsets. */
    final LocalLogs logs = new LocalLogs();

    @Override
    public void poll(Map<String, Long> offsets, Request request) {
        request.reply(Replies.pollOk(logs.poll(offsets)));
    }

    @Override
    public void listCommitted(List<String> keys, Request request) {
        request.reply(Replies.listCommittedOk(logs.committed(keys)));
    }
}
