package dev.gleaner;

import java.util.Map;

/**
 * The one exception a request can end in. Its message is safe to show a person; {@code details} maps a field name to
 * what is wrong with it. The API maps it to its error shape in exactly one place.
 */
public final class ServiceException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> details;

    public ServiceException(ErrorCode code, String message, Map<String, String> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ServiceException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public static ServiceException notFound(String what) {
        return new ServiceException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ServiceException badRequest(String message, Map<String, String> details) {
        return new ServiceException(ErrorCode.BAD_REQUEST, message, details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, String> details() {
        return details;
    }
}
