package dev.gleaner.api;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.auth.DeveloperKeys;
import dev.gleaner.auth.KeyCheck;
import dev.gleaner.limits.AuthFailures;
import dev.gleaner.limits.RateDecision;
import dev.gleaner.limits.RequestRate;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@code Authorization: Bearer dk_…} header into the caller: the key and its owner. A missing, malformed or
 * unknown key is a 401 with one message for all three, so a caller learns nothing about which keys exist; a revoked
 * or expired key (whose holder knows it) is a 401 saying so.
 *
 * <p>Before a key is checked, a client address that failed to authenticate too often recently is refused with 429 and
 * {@code Retry-After}; each failure counts. A valid key's request is then taken from its request rate; the
 * {@code X-RateLimit-*} headers are set on the response either way, and beyond the rate the request is a 429.
 */
final class Authentication {
    private static final String SCHEME = "bearer ";
    private static final String CALLER_ATTRIBUTE = "gleaner.caller";
    /** The longest client address taken from a proxy header (an IPv6 address with a zone fits). */
    private static final int MAX_ADDRESS_LENGTH = 100;

    private final DeveloperKeys keys;
    private final AuthFailures failures;
    private final RequestRate rate;
    private final @Nullable String clientAddressHeader;

    Authentication(DeveloperKeys keys, AuthFailures failures, RequestRate rate, @Nullable String clientAddressHeader) {
        this.keys = keys;
        this.failures = failures;
        this.rate = rate;
        this.clientAddressHeader = clientAddressHeader;
    }

    /** Who made an authenticated request: the key's id and its owner. */
    record Caller(String keyId, String ownerId) {}

    /** The caller of a request by its developer key header, or a 401/429 {@link ServiceException}. */
    Caller authenticate(Context ctx) {
        String address = clientAddress(ctx);
        refuseIfBlocked(address);
        KeyCheck check = keys.check(bearerToken(ctx.header("Authorization")));
        if (!(check instanceof KeyCheck.Valid valid)) {
            failures.failed(address);
            throw unauthorized(check);
        }
        Caller caller = new Caller(valid.key().id(), valid.key().ownerId());
        ctx.attribute(CALLER_ATTRIBUTE, caller);
        limitRate(ctx, "key:" + caller.keyId());
        return caller;
    }

    /**
     * The client's address: the first entry of the configured proxy header when the request has it, else the
     * connection's.
     */
    String clientAddress(Context ctx) {
        if (clientAddressHeader != null) {
            String forwarded = ctx.header(clientAddressHeader);
            if (forwarded != null) {
                String first = forwarded.split(",", 2)[0].strip();
                if (!first.isEmpty() && first.length() <= MAX_ADDRESS_LENGTH) {
                    return first;
                }
            }
        }
        return ctx.ip();
    }

    /** Refuses, without checking anything, a client address that failed too often recently. */
    void refuseIfBlocked(String address) {
        Optional<Duration> blocked = failures.blocked(address);
        if (blocked.isPresent()) {
            throw new ServiceException(
                    ErrorCode.RATE_LIMITED,
                    "Too many failed authentication attempts from this address; retry after "
                            + RetryAfterHeader.seconds(blocked.get()) + " s",
                    Map.of("Authorization", "at most " + failures.allowed() + " failed attempts per window"),
                    blocked.get());
        }
    }

    /** Counts a failed authentication by other means (e.g. an events token) of the request's address. */
    void failed(Context ctx) {
        failures.failed(clientAddress(ctx));
    }

    /** Takes one request of {@code principal} from its rate; sets the rate headers, and refuses beyond it with 429. */
    void limitRate(Context ctx, String principal) {
        Optional<RateDecision> taken = rate.take(principal);
        if (taken.isEmpty()) {
            return;
        }
        RateDecision decision = taken.get();
        ctx.header("X-RateLimit-Limit", Integer.toString(decision.limit()));
        ctx.header("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
        ctx.header("X-RateLimit-Reset", RetryAfterHeader.seconds(decision.reset()));
        if (!decision.allowed()) {
            throw new ServiceException(
                    ErrorCode.RATE_LIMITED,
                    "Too many requests with this developer key: at most " + decision.limit()
                            + " at once, refilled over time; retry after the time in Retry-After",
                    Map.of("Authorization", "request rate of this key exceeded"),
                    decision.retryAfter());
        }
    }

    /** The caller of a request authenticated by {@link #authenticate}, or null. */
    static @Nullable Caller callerOf(Context ctx) {
        return ctx.attribute(CALLER_ATTRIBUTE);
    }

    private static ServiceException unauthorized(KeyCheck check) {
        return switch (check) {
            case KeyCheck.Revoked revoked ->
                new ServiceException(
                        ErrorCode.UNAUTHORIZED,
                        "This developer key was revoked at " + revoked.key().revokedAt()
                                + "; use another key of the owner or ask for a new one",
                        Map.of("Authorization", "the key " + revoked.key().id() + " is revoked"));
            case KeyCheck.Expired expired ->
                new ServiceException(
                        ErrorCode.UNAUTHORIZED,
                        "This developer key expired at " + expired.key().expiresAt()
                                + "; use another key of the owner or ask for a new one",
                        Map.of("Authorization", "the key " + expired.key().id() + " is expired"));
            case KeyCheck.Valid valid -> throw new IllegalStateException("A valid key is not refused");
            case KeyCheck.Unknown unknown ->
                new ServiceException(
                        ErrorCode.UNAUTHORIZED,
                        "A valid developer key is required",
                        Map.of("Authorization", "must be 'Bearer dk_…' with a valid developer key"));
        };
    }

    /** The token of a {@code Bearer} header (scheme case-insensitive), or null. */
    static @Nullable String bearerToken(@Nullable String header) {
        if (header == null || header.length() <= SCHEME.length()) {
            return null;
        }
        if (!header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        String token = header.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
