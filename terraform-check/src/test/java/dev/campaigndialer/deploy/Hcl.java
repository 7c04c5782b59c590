package dev.campaigndialer.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers over hcl4j's parse result: blocks, literal values, references. */
final class Hcl {

    /** A reference in an expression or spliced into a string: {@code var.x}, {@code module.m.o}, {@code aws_db_proxy.this.endpoint}. */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(?:var|local|module|data|each|aws_[a-z0-9_]+|random_[a-z0-9_]+)\\.[A-Za-z0-9_.*\\-]+");

    private Hcl() {
    }

    /** A block, or a list of blocks of the same type, as a list of bodies. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> blocks(Object value) {
        if (value instanceof Map<?, ?> map) {
            return List.of((Map<String, Object>) map);
        }
        List<Map<String, Object>> blocks = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    blocks.add((Map<String, Object>) map);
                }
            }
        }
        return blocks;
    }

    /** A map value, or an empty map when the value is not one (a reference, a function call hcl4j gave up on). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** The literal string, if the value is one (not a reference). */
    static Optional<String> string(Object value) {
        return value instanceof String string ? Optional.of(string) : Optional.empty();
    }

    /** The literal whole number, if the value is one. */
    static Optional<Integer> integer(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return Optional.of(number.intValue());
        }
        return Optional.empty();
    }

    /** Readable text of any value: references as written, whole numbers without ".0", blocks flattened. */
    static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return Long.toString(number.longValue());
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder("{");
            map.forEach((key, item) -> text.append(' ').append(key).append(" = ").append(text(item)));
            return text.append(" }").toString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(text(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return value.toString();
    }

    /** Every reference anywhere in the value (keys included for maps, since hcl4j may splice them in). */
    static Set<String> references(Object value) {
        Set<String> references = new LinkedHashSet<>();
        collectReferences(value, references);
        return references;
    }

    private static void collectReferences(Object value, Set<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collectReferences(item, into));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, into));
        } else if (value != null) {
            Matcher matcher = REFERENCE.matcher(value.toString());
            while (matcher.find()) {
                into.add(matcher.group());
            }
        }
    }
}
