package dev.gleaner.api.schema;

/** Schema {@code KeyCreated}: a new key and its secret, shown this once ({@code {"data": …, "key": "dk_…"}}). */
public record KeyCreated(Key data, String key) {}
