package dev.gleaner;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one exception a request can end in. Its message is safe to show a person; {@code details} maps a field name to
 * what is wrong with it. The API maps it to its error shape in exactly one place.
 */
public final class ServiceException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, String> details;
    private final @Nullable Duration retryAfter;

    public ServiceException(ErrorCode code, String message, Map<String, String> details) {
        this(code, message, details, null);
    }

    /** An error after which the request may succeed once {@code retryAfter} has passed (sent as {@code Retry-After}). */
    public ServiceException(
            ErrorCode code, String message, Map<String, String> details, @Nullable Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
        this.retryAfter = retryAfter;
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

    /** How long to wait before retrying, when the error says. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
