package glomers.harness.nemesis;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.history.History;
import glomers.harness.history.Op;

/**
 * How many partitions a run's nemesis started, and how many of them cut any node off from any
 * other. With 2 nodes half of Maelstrom's shapes (minority-third, majorities-ring) cut nothing, so
 * a partitioned run can pass without ever having been partitioned; this says whether it was.
 *
 * @param started    start-partition operations in the history
 * @param effective  those whose grudge drops at least one node's messages to another
 */
public record PartitionCount(int started, int effective) {

    /** Counts the nemesis's {@code start-partition} entries, whose value is {@code ["isolated", {dest: [srcs…]}]}. */
    public static PartitionCount of(History history) {
        int started = 0;
        int effective = 0;
        for (Op op : history.ops()) {
            if (op.process() == Op.NEMESIS && op.f().equals("start-partition")) {
                started++;
                JsonNode grudge = op.value() == null ? null : op.value().get(1);
                boolean cutsSomething = false;
                if (grudge != null) {
                    for (JsonNode sources : grudge) {
                        cutsSomething |= sources.size() > 0;
                    }
                }
                if (cutsSomething) {
                    effective++;
                }
            }
        }
        return new PartitionCount(started, effective);
    }

    /** For the summary, e.g. "3 partitions, 2 of them cut a node off". */
    public String describe() {
        return started + (started == 1 ? " partition" : " partitions") + ", " + effective + " of them cut a node off";
    }
}
