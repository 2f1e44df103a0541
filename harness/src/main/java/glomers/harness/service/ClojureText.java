package glomers.harness.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * How Maelstrom's Clojure code prints a parsed JSON value inside an error text, so that the
 * texts of our 22 errors read like the real ones: {@code current value "a" is not "b"}.
 *
 * <p>{@link #prStr} follows Clojure's {@code pr-str}: strings quoted, {@code nil} for null,
 * vectors as {@code [1 2]}, maps as {@code {"k" 1, "j" 2}}. {@link #str} follows {@code str}:
 * the same, except that a string is printed bare and null as nothing. Only the text differs from
 * Maelstrom's in exotic cases (integers beyond 64 bits, the field order of large maps).
 */
final class ClojureText {
    private ClojureText() {
    }

    static String prStr(JsonNode value) {
        StringBuilder out = new StringBuilder();
        print(value, out);
        return out.toString();
    }

    static String str(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.isNull() ? "" : prStr(value);
    }

    private static void print(JsonNode value, StringBuilder out) {
        if (value.isNull()) {
            out.append("nil");
        } else if (value.isTextual()) {
            printString(value.textValue(), out);
        } else if (value.isArray()) {
            out.append('[');
            String separator = "";
            for (JsonNode element : value) {
                out.append(separator);
                print(element, out);
                separator = " ";
            }
            out.append(']');
        } else if (value.isObject()) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                out.append(separator);
                printString(field.getKey(), out); // nested keys stay strings in Maelstrom
                out.append(' ');
                print(field.getValue(), out);
                separator = ", ";
            }
            out.append('}');
        } else {
            out.append(value); // numbers and booleans print as in JSON (doubles as Double.toString)
        }
    }

    private static void printString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '\b' -> out.append("\\b");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
