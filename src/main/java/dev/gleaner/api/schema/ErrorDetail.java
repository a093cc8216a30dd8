package dev.gleaner.api.schema;

import java.util.Map;
import java.util.TreeMap;

/**
 * Schema {@code ErrorDetail}: {@code message} is safe to show a person, {@code code} is a stable machine word,
 * {@code details} maps a field name to what is wrong with it (empty when there is nothing to add). Details are sorted by
 * field name so that the same request always gets the same body.
 */
public record ErrorDetail(String message, String code, Map<String, String> details) {
    public ErrorDetail {
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
