package dev.gleaner.api.schema;

import org.jspecify.annotations.Nullable;

/**
 * Schema {@code WebhookSecret}: the caller's webhook signing secret. {@code secret} is present only when it is shown:
 * the first read after it was created, and the answer of a rotation. {@code previousValidUntil} is set while the
 * secret before the last rotation still signs events too.
 */
public record WebhookSecret(
        @Nullable String secret,
        String createdAt,
        @Nullable String rotatedAt,
        @Nullable String previousValidUntil,
        boolean shownBefore) {}
