package glomers.harness.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's log (a process's stderr, or what an in-process node logs), in bounded memory: the
 * last lines, at most {@link #MAX_LINES} of them and {@link #MAX_CHARS} characters in all, each
 * cut to {@link #MAX_LINE_CHARS}, and a count of the earlier lines let go. A node that logs every
 * message of a storm would otherwise fill the bench's memory. The last lines are the ones a
 * failure report shows. Safe to use from two threads (a process's stderr reader and the run's loop).
 */
public final class NodeLog {
    /** Lines kept, at most. */
    public static final int MAX_LINES = 10_000;
    /** Characters kept over all lines, at most: 2 Mi. */
    public static final int MAX_CHARS = 2 << 20;
    /** A longer line is cut to this many characters, and says how long it was. */
    public static final int MAX_LINE_CHARS = 2_000;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long chars;
    private long dropped;

    public synchronized void add(String line) {
        String kept = line.length() <= MAX_LINE_CHARS ? line
                : line.substring(0, MAX_LINE_CHARS) + "… (cut, " + line.length() + " chars)";
        lines.addLast(kept);
        chars += kept.length();
        while (lines.size() > MAX_LINES || chars > MAX_CHARS) {
            chars -= lines.removeFirst().length();
            dropped++;
        }
    }

    /** The lines kept, oldest first, after a line that says how many earlier ones were let go (if any were). */
    public synchronized List<String> lines() {
        List<String> all = new ArrayList<>(lines.size() + 1);
        if (dropped > 0) {
            all.add("(" + dropped + " earlier lines not kept)");
        }
        all.addAll(lines);
        return all;
    }

    /** The last {@code count} lines kept (fewer if there are fewer), oldest first. */
    public synchronized List<String> last(int count) {
        List<String> all = new ArrayList<>(lines);
        return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }
}
