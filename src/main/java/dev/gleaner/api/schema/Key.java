package dev.gleaner.api.schema;

import org.jspecify.annotations.Nullable;

/**
 * Schema {@code Key}: a developer key as listed, never its secret. {@code current} marks the key the request was made
 * with. Times absent: never expires, not revoked, never used.
 */
public record Key(
        String id,
        String name,
        String ownerId,
        String createdAt,
        @Nullable String expiresAt,
        @Nullable String revokedAt,
        @Nullable String lastUsedAt,
        String status,
        boolean current) {}
