package dev.gleaner.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.ServiceException;
import dev.gleaner.api.schema.Key;
import dev.gleaner.api.schema.KeyCreated;
import dev.gleaner.api.schema.KeyList;
import dev.gleaner.api.schema.Message;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.auth.ApiKey;
import dev.gleaner.auth.DeveloperKeys;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v1/keys}: a key lists its owner's keys (never a secret), creates another key for the same owner (its secret
 * is in that one answer), and revokes any of them, itself included. Another owner's key is "not found".
 */
final class KeyRoutes {
    static final String KEYS = "/v1/keys";
    static final String KEY = KEYS + "/{keyId}";
    static final Set<String> CREATE_FIELDS = Set.of("name", "expiresAt");

    private final DeveloperKeys keys;
    private final RequestIo io;
    private final ApiLimits limits;
    private final Clock clock;

    KeyRoutes(DeveloperKeys keys, RequestIo io, ApiLimits limits, Clock clock) {
        this.keys = keys;
        this.io = io;
        this.limits = limits;
        this.clock = clock;
    }

    void register(ApiRouter router) {
        router.get(
                KEYS,
                (ctx, owner) -> io.ok(
                        ctx,
                        new KeyList(keys.list(owner).stream()
                                .map(key -> key(key, ctx))
                                .toList())));
        router.post(KEYS, (ctx, owner) -> {
            NewKey request = validateCreate(io.body(ctx));
            DeveloperKeys.IssuedKey issued = keys.create(request.name(), owner, request.expiresAt());
            io.reply(ctx, 201, new KeyCreated(key(issued.key(), ctx), issued.secret()));
        });
        router.delete(KEY, (ctx, owner) -> {
            ApiKey revoked = keys.revoke(owner, keyId(ctx));
            io.ok(ctx, new Message("Key " + revoked.id() + " revoked"));
        });
    }

    private record NewKey(String name, @Nullable Instant expiresAt) {}

    private NewKey validateCreate(JsonNode body) {
        Problems problems = new Problems();
        JsonFields fields = JsonFields.ofBody(body, problems);
        fields.rejectUnknown(CREATE_FIELDS);
        String name = fields.text("name", false, DeveloperKeys.MAX_NAME_LENGTH);
        String expires = fields.text("expiresAt", false, 64);
        Instant expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = Instant.parse(expires);
                if (!expiresAt.isAfter(clock.instant())) {
                    problems.add("expiresAt", "must be in the future");
                }
            } catch (DateTimeParseException e) {
                problems.add("expiresAt", "must be an ISO-8601 UTC timestamp such as 2027-01-31T00:00:00Z");
            }
        }
        problems.throwIfAny();
        return new NewKey(name == null || name.isBlank() ? "api" : name, expiresAt);
    }

    private String keyId(Context ctx) {
        String id = ctx.pathParam("keyId");
        if (id.isEmpty() || id.length() > limits.maxIdLength()) {
            throw ServiceException.notFound("Key " + id);
        }
        return id;
    }

    private Key key(ApiKey key, Context ctx) {
        Authentication.Caller caller = Authentication.callerOf(ctx);
        return new Key(
                key.id(),
                key.name(),
                key.ownerId(),
                SchemaMapping.timestamp(key.createdAt()),
                timestamp(key.expiresAt()),
                timestamp(key.revokedAt()),
                timestamp(key.lastUsedAt()),
                status(key),
                caller != null && caller.keyId().equals(key.id()));
    }

    private String status(ApiKey key) {
        if (key.revokedAt() != null) {
            return "revoked";
        }
        return key.expiredAt(clock.instant()) ? "expired" : "active";
    }

    private static @Nullable String timestamp(@Nullable Instant instant) {
        return instant == null ? null : SchemaMapping.timestamp(instant);
    }
}
