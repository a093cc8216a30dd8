package dev.gleaner.api.schema;

/** Schema {@code KeyData}: one key in the {@code {"data": …}} envelope. */
public record KeyData(Key data) {}
