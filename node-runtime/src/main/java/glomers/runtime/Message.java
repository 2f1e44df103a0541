package glomers.runtime;

/** One protocol message: who sent it, to whom, and its body. */
public record Message(String src, String dest, Body body) {

    /** Reads one protocol line; throws {@link IllegalArgumentException} saying why if it is not a message. */
    public static Message parse(String line) {
        try {
            return Json.decode(line);
        } catch (Json.NotAMessage e) {
            throw new IllegalArgumentException("not a Maelstrom message, " + e.getMessage() + ": " + line);
        }
    }

    /** This message as one protocol line (no newline). */
    public String toLine() {
        return Json.encode(src, dest, body);
    }

    @Override
    public String toString() {
        return src + " -> " + dest + " " + body;
    }
}
