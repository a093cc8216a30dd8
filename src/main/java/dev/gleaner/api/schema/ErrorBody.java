package dev.gleaner.api.schema;

/** Schema {@code ErrorBody}: {@code {"error": {"message", "code", "details"}}}, the shape of every error. */
public record ErrorBody(ErrorDetail error) {}
