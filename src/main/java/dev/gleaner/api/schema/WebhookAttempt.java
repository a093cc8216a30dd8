package dev.gleaner.api.schema;

import org.jspecify.annotations.Nullable;

/**
 * Schema {@code WebhookAttempt}: one try at delivering an event; {@code httpStatus} when the receiver answered,
 * {@code error} when it did not, {@code responseSnippet} the start of its answer (each omitted when absent).
 */
public record WebhookAttempt(
        String at,
        @Nullable Integer httpStatus,
        @Nullable String error,
        long durationMs,
        @Nullable String responseSnippet) {}
