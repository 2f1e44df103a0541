package glomers.harness.service;

import glomers.runtime.Body;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * {@code seq-kv}: sequentially consistent, built as Maelstrom builds it (spec §4.2, service.clj
 * {@code sequential}).
 *
 * <p>The service keeps its {@value #HISTORY_SIZE} most recent states, numbered by version (the
 * empty state is version 0), and for each sender the last version that sender has observed
 * (0 until it sends anything). For each request:
 * <ol>
 *   <li>pick a version uniformly from [the sender's last version, the newest version], both ends
 *       included;</li>
 *   <li>run the request against that possibly old state;</li>
 *   <li>if that leaves the state equal (a read, a failed cas, a write of the value already there
 *       in that old state...), reply with that result and move the sender up to that version;</li>
 *   <li>otherwise run the request against the newest state instead, append the result as the
 *       next version (even if, there, it changed nothing), move the sender up to it, and reply
 *       with that second result.</li>
 * </ol>
 * So reads may be stale, but never older than what the same sender saw before; a cas may fail
 * with 22 against an old value; and every change lands on the newest state, after which its
 * sender reads at least that.
 *
 * <p><b>Deliberate difference from Maelstrom:</b> Maelstrom turns a version into a position in
 * its ring buffer modulo the buffer size, so a sender more than {@value #HISTORY_SIZE} versions
 * behind is handed a state from the wrong place, and may see the state go back. We do not copy
 * that bug: such a sender is first moved up to the oldest state still kept, so the per-sender
 * guarantee holds.
 *
 * <p>Each version is a copy of the map, made on the write that creates it: cheap at the sizes
 * the challenges reach (thousands of writes, few keys).
 */
public final class SeqKv extends KvService {
    public static final String ID = "seq-kv";
    /** How many recent states Maelstrom keeps ({@code sequential}'s default buffer size). */
    public static final int HISTORY_SIZE = 32;

    private final Random random;
    /** Version v lives at v % HISTORY_SIZE, valid for the last HISTORY_SIZE versions. */
    private final KvStore[] history = new KvStore[HISTORY_SIZE];
    private long newestVersion;
    private final Map<String, Long> lastObserved = new HashMap<>();

    public SeqKv(Random random) {
        this.random = random;
        history[0] = new KvStore();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    Body handle(String src, KvRequest request) {
        long from = Math.max(lastObservedVersion(src), oldestKeptVersion()); // the clamp: see class doc
        long version = from + random.nextInt(Math.toIntExact(newestVersion - from + 1));
        KvStore.Outcome speculative = stateAt(version).evaluate(request, KvDialect.PERSISTENT_KV);
        if (!speculative.changesState()) {
            lastObserved.put(src, version);
            return speculative.reply();
        }
        // A change to an old state would fork the timeline, so it goes to the newest state.
        KvStore newest = stateAt(newestVersion);
        KvStore.Outcome outcome = newest.evaluate(request, KvDialect.PERSISTENT_KV);
        KvStore next = newest;
        if (outcome.changesState()) {
            next = newest.copy();
            next.apply(outcome.change());
        }
        newestVersion++;
        history[slot(newestVersion)] = next;
        lastObserved.put(src, newestVersion);
        return outcome.reply();
    }

    /** The version of the most recent state. */
    long newestVersion() {
        return newestVersion;
    }

    /** The last version {@code src} has observed; 0 for a sender never seen. */
    long lastObservedVersion(String src) {
        return lastObserved.getOrDefault(src, 0L);
    }

    /** The oldest version still kept. */
    long oldestKeptVersion() {
        return Math.max(0, newestVersion - HISTORY_SIZE + 1);
    }

    private KvStore stateAt(long version) {
        return history[slot(version)];
    }

    private static int slot(long version) {
        return (int) (version % HISTORY_SIZE);
    }
}
