package glomers.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code init} and writes {@code init_ok} with Jackson's streaming parser only.
 *
 * <p>Why a separate path: Maelstrom aborts a run whose nodes do not answer {@code init} within
 * 10 s, and in challenge 3d twenty-five JVMs start at once on two cores. Answering {@code init}
 * before ObjectMapper and Vert.x are loaded makes the node about as quick to {@code init_ok} as a
 * bare JVM; everything else loads right after, while Maelstrom is still starting the other nodes.
 */
final class InitMessages {
    private InitMessages() {
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    /** What a line turned out to be, as far as the init path cares. */
    sealed interface Parsed permits NotJson, NotInit, Init, BadInit {
    }

    record NotJson(String reason) implements Parsed {
    }

    record NotInit() implements Parsed {
    }

    /** A valid init request. */
    record Init(String src, long msgId, String nodeId, List<String> nodeIds) implements Parsed {
    }

    /** An init request we cannot accept; answered with error 12 when it has a msg_id. */
    record BadInit(String src, String dest, Long msgId, String problem) implements Parsed {
    }

    static Parsed parse(String line) {
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new NotInit();
            }
            String src = null;
            String dest = null;
            Fields body = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("src") && value == JsonToken.VALUE_STRING) {
                    src = p.getText();
                } else if (name.equals("dest") && value == JsonToken.VALUE_STRING) {
                    dest = p.getText();
                } else if (name.equals("body") && value == JsonToken.START_OBJECT) {
                    body = readBody(p);
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                return new NotJson("trailing text after the JSON object");
            }
            if (src == null || dest == null || body == null || !"init".equals(body.type)) {
                return new NotInit();
            }
            return body.toInit(src, dest);
        } catch (IOException e) {
            return new NotJson(e.getMessage());
        }
    }

    /** The body fields init needs; anything else is skipped. */
    private static final class Fields {
        String type;
        Long msgId;
        String nodeId;
        List<String> nodeIds;
        String problem;

        Parsed toInit(String src, String dest) {
            if (problem == null && nodeId == null) {
                problem = "missing field \"node_id\"";
            }
            if (problem == null && nodeIds == null) {
                problem = "missing field \"node_ids\"";
            }
            if (problem == null && !nodeIds.contains(nodeId)) {
                problem = "node_ids " + nodeIds + " does not contain node_id \"" + nodeId + "\"";
            }
            if (problem == null && msgId == null) {
                problem = "missing field \"msg_id\"";
            }
            return problem == null ? new Init(src, msgId, nodeId, List.copyOf(nodeIds)) : new BadInit(src, dest, msgId, problem);
        }
    }

    private static Fields readBody(JsonParser p) throws IOException {
        Fields f = new Fields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> f.type = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "msg_id" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        f.msgId = p.getLongValue();
                    }
                }
                case "node_id" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        f.nodeId = p.getText();
                    } else {
                        f.problem = "field \"node_id\" must be a string";
                    }
                }
                case "node_ids" -> f.nodeIds = readStrings(p, value, f);
                default -> p.skipChildren();
            }
        }
        return f;
    }

    private static List<String> readStrings(JsonParser p, JsonToken start, Fields f) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            f.problem = "field \"node_ids\" must be an array of strings";
            p.skipChildren();
            return null;
        }
        List<String> strings = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                f.problem = "field \"node_ids\" must be an array of strings";
                p.skipChildren();
            } else {
                strings.add(p.getText());
            }
        }
        return strings;
    }

    static String initOk(String nodeId, String dest, long inReplyTo) {
        return write(nodeId, dest, g -> {
            g.writeStringField("type", "init_ok");
            g.writeNumberField("in_reply_to", inReplyTo);
        });
    }

    static String malformed(String src, String dest, long inReplyTo, String text) {
        return write(src, dest, g -> {
            g.writeStringField("type", "error");
            g.writeNumberField("in_reply_to", inReplyTo);
            g.writeNumberField("code", ErrorCode.MALFORMED_REQUEST.code());
            g.writeStringField("text", text);
        });
    }

    private interface BodyWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(String src, String dest, BodyWriter body) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("src", src);
            g.writeStringField("dest", dest);
            g.writeObjectFieldStart("body");
            body.write(g);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
