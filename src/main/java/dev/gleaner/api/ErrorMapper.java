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
import java.util.TreeSet;
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

    private final ObjectMapper mapper;

    ErrorMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void handle(Exception failure, Context ctx) {
        switch (failure) {
            case ServiceException e -> {
                e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", RetryAfterHeader.seconds(wait)));
                reply(ctx, e.code().httpStatus(), e.code().code(), messageOf(e), e.details());
            }
            case HttpResponseException e -> fromRouting(e, ctx);
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
            reply(ctx, status, ErrorCode.NOT_FOUND.code(), "No route matches " + route, Map.of());
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
