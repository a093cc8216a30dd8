package dev.gleaner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of the fields of one JSON object. A read that fails records a problem under the field's name (prefixed
 * for nested objects, e.g. {@code webhook.url}) and returns null, so a validator reads every field and reports every
 * problem at once. A field that is absent or JSON {@code null} reads as null without a problem unless it is required.
 */
final class JsonFields {
    private final ObjectNode node;
    private final Problems problems;
    private final String prefix;

    JsonFields(ObjectNode node, Problems problems, String prefix) {
        this.node = node;
        this.problems = problems;
        this.prefix = prefix;
    }

    /** The fields of a request body; a body that is not a JSON object is a 400 at once. */
    static JsonFields ofBody(JsonNode body, Problems problems) {
        if (body instanceof ObjectNode object) {
            return new JsonFields(object, problems, "");
        }
        problems.add("body", "must be a JSON object");
        problems.throwIfAny();
        throw new IllegalStateException("a recorded problem always throws");
    }

    String path(String field) {
        return prefix + field;
    }

    void problem(String field, String problem) {
        problems.add(path(field), problem);
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    void rejectUnknown(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(name, "is not a known field");
            }
        }
    }

    /**
     * A string of 1..maxLength characters after trimming, with a visible character, no control character and no
     * unpaired surrogate ({@link PrintableText}); the trimmed value.
     */
    @Nullable
    String text(String field, boolean required, int maxLength) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(field, "must be a string");
            return null;
        }
        String text = value.textValue().strip();
        String unprintable = PrintableText.problem(text);
        if (unprintable != null) {
            problem(field, unprintable);
            return null;
        }
        if (PrintableText.isBlank(text)) {
            problem(field, "must not be empty");
            return null;
        }
        if (text.length() > maxLength) {
            problem(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** An integer within [min, max]; a number with a fraction or out of range is a problem. */
    @Nullable
    Integer integer(String field, boolean required, int min, int max) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            problem(field, "must be an integer");
            return null;
        }
        if (!value.isBigDecimal() && !value.isIntegralNumber() && !Double.isFinite(value.doubleValue())) {
            problem(field, "must be between " + min + " and " + max);
            return null;
        }
        BigDecimal number = value.decimalValue();
        // Range first: it compares exponents, so an enormous literal costs nothing.
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            problem(field, "must be between " + min + " and " + max);
            return null;
        }
        if (number.stripTrailingZeros().scale() > 0) {
            problem(field, "must be an integer");
            return null;
        }
        return number.intValueExact();
    }

    @Nullable
    Boolean bool(String field) {
        JsonNode value = present(field, false);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /**
     * An array of strings with minItems..maxItems entries. An entry that is not a string is a problem named
     * {@code field[i]}; the other entries are returned as given.
     */
    @Nullable
    List<String> strings(String field, boolean required, int minItems, int maxItems) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problem(field, "must be an array of strings");
            return null;
        }
        if (value.size() < minItems || value.size() > maxItems) {
            problem(field, "must have between " + minItems + " and " + maxItems + " entries");
            return null;
        }
        List<String> result = new ArrayList<>(value.size());
        boolean allText = true;
        for (int i = 0; i < value.size(); i++) {
            JsonNode entry = value.get(i);
            String unprintable = entry.isTextual() ? PrintableText.problem(entry.textValue()) : null;
            if (unprintable != null) {
                problem(field + "[" + i + "]", unprintable);
                allText = false;
            } else if (entry.isTextual()) {
                result.add(entry.textValue());
            } else {
                problem(field + "[" + i + "]", "must be a string");
                allText = false;
            }
        }
        return allText ? result : null;
    }

    /** A nested object, read with this object's problems and a prefix {@code field.}. */
    @Nullable
    JsonFields object(String field) {
        JsonNode value = present(field, false);
        if (value == null) {
            return null;
        }
        if (value instanceof ObjectNode object) {
            return new JsonFields(object, problems, path(field) + ".");
        }
        problem(field, "must be an object");
        return null;
    }

    /** The fields of this object, for reading free-form maps. */
    Iterator<Map.Entry<String, JsonNode>> entries() {
        return node.properties().iterator();
    }

    int size() {
        return node.size();
    }

    private @Nullable JsonNode present(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        return value;
    }
}
