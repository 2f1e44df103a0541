package glomers.txn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The transactions committed on this node, numbered 1, 2, 3, ..., kept until every peer has
 * acknowledged them. While a peer is cut off the log grows; that is the price of answering
 * every transaction whatever the network does.
 */
final class CommitLog {
    private final List<CommittedTxn> entries = new ArrayList<>();
    /** The seq of entries.get(0), once entries have been dropped; 1 before. */
    private long firstSeq = 1;

    /** Appends a commit and returns its seq. */
    long append(long ts, Map<Long, Long> writes) {
        long seq = lastSeq() + 1;
        entries.add(new CommittedTxn(seq, ts, writes));
        return seq;
    }

    /** The seq of the latest commit; 0 if there has been none. */
    long lastSeq() {
        return firstSeq - 1 + entries.size();
    }

    /** Up to {@code max} entries from seq {@code from} on (none if it is past the end). */
    List<CommittedTxn> read(long from, int max) {
        if (from < firstSeq) {
            throw new IllegalArgumentException("seq " + from + " was dropped; the log starts at " + firstSeq);
        }
        int start = (int) (from - firstSeq);
        if (start >= entries.size()) {
            return List.of();
        }
        return List.copyOf(entries.subList(start, Math.min(entries.size(), start + max)));
    }

    /** Drops every entry up to and including {@code seq}: every peer has it. */
    void dropThrough(long seq) {
        int count = (int) Math.min(entries.size(), seq - firstSeq + 1);
        if (count > 0) {
            entries.subList(0, count).clear();
            firstSeq += count;
        }
    }

    /** How many entries are kept. */
    int size() {
        return entries.size();
    }
}
