package glomers.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A result's value in brief, for the terminal's summary and the run's page alike. */
public final class ValueText {
    private ValueText() {
    }

    /**
     * One value on one line: text as it is (its first line), an array as its first
     * {@code maxElements} elements and how many there are in all, anything else as compact JSON;
     * cut to {@code maxChars} characters, ending in "…" when cut.
     */
    public static String brief(JsonNode value, int maxChars, int maxElements) {
        if (value.isTextual()) {
            return cut(value.asText().lines().findFirst().orElse(""), maxChars);
        }
        if (!value.isArray()) {
            return cut(value.toString(), maxChars);
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(maxElements, value.size()); i++) {
            shown.add(value.get(i).toString());
        }
        if (shown.size() == value.size()) {
            return cut("[" + String.join(", ", shown) + "]", maxChars);
        }
        String count = " (" + value.size() + " in all)";
        return cut("[" + String.join(", ", shown) + ", …]", maxChars - count.length()) + count;
    }

    /** {@code text}, or its start and "…" when it is longer than {@code max} characters. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
