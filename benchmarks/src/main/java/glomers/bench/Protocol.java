package glomers.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The few Maelstrom messages the benchmark sends, and just enough reading of replies to check
 * them. There is no JSON library here: a request is built as text and a reply is checked with
 * small regular expressions, which allow whitespace around the colons.
 */
final class Protocol {
    /** The msg_id of every init request. */
    static final int INIT_MSG_ID = 1;

    private static final Pattern IN_REPLY_TO = Pattern.compile("\"in_reply_to\"\\s*:\\s*(\\d+)");
    private static final Pattern INIT_OK = Pattern.compile("\"type\"\\s*:\\s*\"init_ok\"");
    private static final Pattern ECHO_OK = Pattern.compile("\"type\"\\s*:\\s*\"echo_ok\"");

    private Protocol() {
    }

    /** {@code n0, n1, ..., n<count-1>}. */
    static List<String> nodeIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> "n" + i).collect(Collectors.toList());
    }

    static String initRequest(String nodeId, List<String> nodeIds) {
        String ids = nodeIds.stream().map(id -> '"' + id + '"').collect(Collectors.joining(","));
        return "{\"id\":0,\"src\":\"c0\",\"dest\":\"" + nodeId + "\",\"body\":{\"type\":\"init\",\"msg_id\":"
                + INIT_MSG_ID + ",\"node_id\":\"" + nodeId + "\",\"node_ids\":[" + ids + "]}}";
    }

    static String echoRequest(long k) {
        return echoRequest("n0", k);
    }

    static String echoRequest(String dest, long k) {
        return "{\"src\":\"c1\",\"dest\":\"" + dest + "\",\"body\":{\"type\":\"echo\",\"msg_id\":" + k
                + ",\"echo\":\"" + echoText(k) + "\"}}";
    }

    static String echoText(long k) {
        return "Please echo " + k;
    }

    static boolean isInitOk(String line) {
        return line != null && INIT_OK.matcher(line).find() && inReplyTo(line) == INIT_MSG_ID;
    }

    /** An echo_ok whose in_reply_to is {@code k} and whose echo is the text sent with {@code k}. */
    static boolean isEchoOkFor(String line, long k) {
        return line != null && ECHO_OK.matcher(line).find()
                && line.contains('"' + echoText(k) + '"');
    }

    /** The reply's in_reply_to, or -1 if it has none. */
    static long inReplyTo(String line) {
        Matcher m = IN_REPLY_TO.matcher(line);
        if (!m.find()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1; // more digits than a long holds: certainly not one we sent
        }
    }

    static void requireInitOk(String who, String line) {
        if (!isInitOk(line)) {
            throw new BenchmarkFailure(who + " answered init with something other than an init_ok"
                    + " with \"in_reply_to\":" + INIT_MSG_ID + ": " + line);
        }
    }
}
