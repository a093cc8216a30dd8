package dev.gleaner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.api.schema.ErrorBody;
import dev.gleaner.api.schema.ErrorDetail;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.BadMessageException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failed request becomes an error body {@code {"error": {"message", "code", "details"}}}:
 *
 * <ul>
 *   <li>a {@link ServiceException} → its code's status, its message and details, and {@code Retry-After} when it says
 *       how long to wait;
 *   <li>an unknown route → 404 {@code not_found};
 *   <li>a known route with another method → 405 {@code bad_request}, with the allowed methods in {@code details.method}
 *       and an {@code Allow} header (the error codes have no word of their own for it: the request is wrong, not the
 *       resource missing);
 *   <li>anything else → 500 {@code internal} with a generic message; the exception is logged, never sent.
 * </ul>
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private static final int METHOD_NOT_ALLOWED = 405;
    private static final int REQUEST_TIMEOUT = 408;
    private static final int URI_TOO_LONG = 414;
    private static final int EXPECTATION_FAILED = 417;
    private static final int HEADERS_TOO_LARGE = 431;
    private static final int HTTP_VERSION_NOT_SUPPORTED = 505;
    private static final int MAX_REASON = 200;
    /** Keeps Jetty's reason printable ASCII, whatever the request put in it. */
    private static final Pattern SAFE_REASON = Pattern.compile("[^\\x20-\\x7e]");

    private final ObjectMapper mapper;
    /** Appended to the message of a path no route matches, e.g. why this process serves so few; empty for none. */
    private final String unmatchedNote;

    ErrorMapper(ObjectMapper mapper) {
        this(mapper, "");
    }

    ErrorMapper(ObjectMapper mapper, String unmatchedNote) {
        this.mapper = mapper;
        this.unmatchedNote = unmatchedNote;
    }

    void handle(Exception failure, Context ctx) {
        switch (failure) {
            case ServiceException e -> {
                e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", RetryAfterHeader.seconds(wait)));
                reply(ctx, e.code().httpStatus(), e.code().code(), messageOf(e), e.details());
            }
            case HttpResponseException e -> fromRouting(e, ctx);
            case Exception e
            when httpLayerFailure(e) != null -> {
                BadMessageException bad = Objects.requireNonNull(httpLayerFailure(e));
                ctx.status(bad.getCode())
                        .contentType("application/json")
                        .result(httpLayerBody(bad.getCode(), bad.getReason()));
            }
            default -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), failure);
                internal(ctx);
            }
        }
        if (ctx.statusCode() == ErrorCode.UNAUTHORIZED.httpStatus()) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
    }

    /** Errors raised by the HTTP layer itself: no route, wrong method, or a limit of the server. */
    private void fromRouting(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        if (status == ErrorCode.NOT_FOUND.httpStatus()) {
            String route = ctx.method() + " " + ctx.path();
            reply(ctx, status, ErrorCode.NOT_FOUND.code(), "No route matches " + route + unmatchedNote, Map.of());
        } else if (status == METHOD_NOT_ALLOWED) {
            String allowed = String.join(", ", new TreeSet<>(e.getDetails().values()));
            ctx.header("Allow", allowed);
            reply(
                    ctx,
                    status,
                    ErrorCode.BAD_REQUEST.code(),
                    "Method " + ctx.method() + " is not allowed here",
                    Map.of("method", "allowed: " + allowed));
        } else {
            ErrorCode code = byStatus(status);
            if (code == ErrorCode.INTERNAL) {
                LOG.error("{} {} failed in the HTTP layer with status {}", ctx.method(), ctx.path(), status, e);
                internal(ctx);
            } else {
                reply(ctx, status, code.code(), messageOf(code), Map.of());
            }
        }
    }

    /**
     * The body of an error answered by the HTTP layer before (or outside) any route: a request Jetty could not parse or
     * refused. {@code reason} is Jetty's short description of what was wrong (never a stack trace); it goes to the
     * details, the message is this API's own.
     */
    byte[] httpLayerBody(int status, @Nullable String reason) {
        // 505: the client spoke an HTTP version this server does not; its mistake, not the server's failure.
        ErrorCode code = status == HTTP_VERSION_NOT_SUPPORTED ? ErrorCode.BAD_REQUEST : byStatus(status);
        String message =
                switch (status) {
                    case HTTP_VERSION_NOT_SUPPORTED -> "The HTTP version is not supported (use HTTP/1.1 or HTTP/1.0)";
                    case URI_TOO_LONG -> "The request URI is too long";
                    case HEADERS_TOO_LARGE -> "The request headers are too large";
                    case METHOD_NOT_ALLOWED -> "The request method is not allowed here";
                    case EXPECTATION_FAILED -> "The Expect header is not supported (only 100-continue is)";
                    case REQUEST_TIMEOUT -> "The request was not received in time";
                    default -> code == ErrorCode.BAD_REQUEST ? "The request is not valid HTTP" : messageOf(code);
                };
        if (code == ErrorCode.INTERNAL) {
            LOG.error("The HTTP layer answered {}: {}", status, reason);
        }
        String safeReason = reason == null ? "" : SAFE_REASON.matcher(reason).replaceAll("?");
        Map<String, String> details = safeReason.isBlank() || code == ErrorCode.INTERNAL
                ? Map.of()
                : Map.of(
                        "request", safeReason.length() > MAX_REASON ? safeReason.substring(0, MAX_REASON) : safeReason);
        return bytes(new ErrorBody(new ErrorDetail(message, code.code(), details)));
    }

    /** Jetty's refusal of the request (e.g. a body arriving too slowly) found in the cause chain, or null. */
    private static @Nullable BadMessageException httpLayerFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BadMessageException bad) {
                return bad;
            }
        }
        return null;
    }

    private void internal(Context ctx) {
        reply(ctx, ErrorCode.INTERNAL.httpStatus(), ErrorCode.INTERNAL.code(), messageOf(ErrorCode.INTERNAL), Map.of());
    }

    private void reply(Context ctx, int status, String code, String message, Map<String, String> details) {
        ctx.status(status)
                .contentType("application/json")
                .result(bytes(new ErrorBody(new ErrorDetail(message, code, details))));
    }

    private byte[] bytes(ErrorBody body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Two strings and a map of strings always serialize; keep the promise of a JSON body regardless.
            return "{\"error\":{\"message\":\"Internal error\",\"code\":\"internal\",\"details\":{}}}"
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String messageOf(ServiceException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? messageOf(e.code()) : message;
    }

    private static ErrorCode byStatus(int status) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.httpStatus() == status) {
                return code;
            }
        }
        return status >= 400 && status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
    }

    private static String messageOf(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> "The request is not valid";
            case UNAUTHORIZED -> "A valid developer key is required";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "The request conflicts with the current state";
            case PAYLOAD_TOO_LARGE -> "The request body is too large";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body's media type is not supported";
            case RATE_LIMITED -> "Too many requests";
            case INTERNAL -> "Internal error";
            case UNAVAILABLE -> "The service is unavailable";
        };
    }
}
