package dev.gleaner.api;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects what is wrong with a request, field by field, so that one 400 lists every problem at once. The first
 * problem found for a field is kept.
 */
final class Problems {
    private final Map<String, String> byField = new LinkedHashMap<>();

    void add(String field, String problem) {
        byField.putIfAbsent(field, problem);
    }

    boolean has(String field) {
        return byField.containsKey(field);
    }

    boolean isEmpty() {
        return byField.isEmpty();
    }

    /** Throws a 400 listing every problem, if there is any. */
    void throwIfAny() {
        if (byField.isEmpty()) {
            return;
        }
        String message = byField.size() == 1
                ? "The request has 1 invalid field"
                : "The request has " + byField.size() + " invalid fields";
        throw new ServiceException(ErrorCode.BAD_REQUEST, message, byField);
    }
}
