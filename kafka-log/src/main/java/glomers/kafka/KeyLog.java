package glomers.kafka;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import glomers.runtime.MaelstromException;
import java.util.Arrays;

/**
 * One key's messages at offsets 0, 1, 2, ... with no gaps: offset {@code i} holds the
 * {@code i}-th message. Dense offsets make every rule of the kafka checker easy to keep: a run
 * read from here is contiguous by construction, and the first existing offset at or after
 * {@code from} is {@code from} itself whenever it is below {@link #size()}.
 *
 * <p>Memory grows with the messages kept, never with an offset a client names.
 */
final class KeyLog {
    /** Most messages one key holds; a send past this gets error 14 (abort): nothing is appended. */
    static final int MAX_MESSAGES = 1 << 24;

    private long[] messages = new long[4];
    private int size;

    /** How many messages there are, which is also the next offset. */
    int size() {
        return size;
    }

    long message(long offset) {
        if (offset < 0 || offset >= size) {
            throw new IndexOutOfBoundsException("offset " + offset + " of a log of " + size);
        }
        return messages[(int) offset];
    }

    /** Appends {@code msg} at the next offset and returns that offset. */
    long append(long msg) {
        if (size == MAX_MESSAGES) {
            throw MaelstromException.abort("this key already holds " + MAX_MESSAGES + " messages, the most one key may hold;"
                    + " the message was not appended");
        }
        if (size == messages.length) {
            messages = Arrays.copyOf(messages, Math.min(MAX_MESSAGES, size * 2));
        }
        messages[size] = msg;
        return size++;
    }

    /**
     * Appends a message whose offset was given elsewhere (by the key's owner, or read from lin-kv).
     * It must be the next offset: a copy of a log only ever grows at its end.
     */
    void appendAt(long offset, long msg) {
        if (offset != size) {
            throw new IllegalStateException("a copy of a log grows only at its end: got offset " + offset + ", expected " + size);
        }
        append(msg);
    }

    /**
     * Up to {@code max} {@code [offset, msg]} pairs from offset {@code from} on, oldest first; an
     * empty array if there is nothing at or after {@code from}.
     */
    ArrayNode read(long from, int max) {
        ArrayNode pairs = JsonNodeFactory.instance.arrayNode();
        for (long offset = Math.max(0, from); offset < size && pairs.size() < max; offset++) {
            pairs.add(pair(offset, messages[(int) offset]));
        }
        return pairs;
    }

    /** {@code [offset, msg]}, the shape of one message in a poll reply. */
    static ArrayNode pair(long offset, long msg) {
        return JsonNodeFactory.instance.arrayNode().add(offset).add(msg);
    }
}
