package dev.gleaner.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored developer key: only the SHA-256 hash of the secret is kept.
 *
 * @param expiresAt when the key stops being accepted, or null: never
 * @param revokedAt when the key was revoked, or null: it is not
 * @param lastUsedAt when a request last authenticated with it (to the minute), or null: never used
 */
public record ApiKey(
        String id,
        String ownerId,
        String name,
        String keyHash,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt) {

    /** A key that never expires, not revoked, never used. */
    public ApiKey(String id, String ownerId, String name, String keyHash, Instant createdAt) {
        this(id, ownerId, name, keyHash, createdAt, null, null, null);
    }

    /** Whether the key is expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Neither revoked nor expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && !expiredAt(now);
    }
}
