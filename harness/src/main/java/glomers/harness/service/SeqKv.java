package glomers.harness.service;

import glomers.runtime.Body;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code seq-kv}, sequentially consistent as Maelstrom builds it (spec §4.2): the service keeps
 * the {@value #HISTORY_SIZE} most recent states and, for each sender, the last version that
 * sender has observed. Each request picks a version uniformly between that and the newest:
 * <ul>
 *   <li>if the request changes nothing against that (possibly stale) state, such as a read, a
 *       failed cas, or a write of the value already there, it is answered from that state, and
 *       the sender moves up to that version;</li>
 *   <li>otherwise it is applied to the newest state, which becomes a new version, and the
 *       sender moves up to it.</li>
 * </ul>
 * So reads can be stale but never older than what the sender saw before, and every change lands
 * on the newest state.
 *
 * <p>Deliberate difference: Maelstrom indexes its ring buffer modulo its size, so a sender more
 * than 32 versions behind can be handed a state from the wrong place. Here such a sender is
 * clamped to the oldest state still kept, which is what the guarantee intends.
 */
public final class SeqKv implements Service {
    public static final int HISTORY_SIZE = 32;

    private final Random random;
    private final List<KvState> states = new ArrayList<>(List.of(KvState.EMPTY));
    private long oldestVersion;
    private final Map<String, Long> lastSeen = new HashMap<>();

    public SeqKv(Random random) {
        this.random = random;
    }

    @Override
    public String id() {
        return "seq-kv";
    }

    private long newestVersion() {
        return oldestVersion + states.size() - 1;
    }

    private KvState state(long version) {
        return states.get((int) (version - oldestVersion));
    }

    @Override
    public Body handle(String src, Body request) {
        long from = Math.max(lastSeen.getOrDefault(src, 0L), oldestVersion);
        long version = from + (long) random.nextInt((int) (newestVersion() - from + 1));
        KvState seen = state(version);
        KvState.Result result = seen.apply(request, true);
        if (result == null) {
            return null;
        }
        if (!result.changed(seen)) {
            lastSeen.put(src, version);
            return result.reply();
        }
        KvState newest = state(newestVersion());
        KvState.Result applied = newest.apply(request, true);
        if (applied.changed(newest)) {
            states.add(applied.state());
            if (states.size() > HISTORY_SIZE) {
                states.remove(0);
                oldestVersion++;
            }
        }
        lastSeen.put(src, newestVersion());
        return applied.reply();
    }
}
