package dev.gleaner.client;

import org.jspecify.annotations.Nullable;

/** One dispatched Server-Sent Event: its {@code id} (null when it had none), type ({@code message} by default), data. */
public record SseEvent(@Nullable String id, String type, String data) {}
