package dev.gleaner.api.schema;

/** Schema {@code JobSkipped}: distinct URLs a job saw but did not admit, by reason. */
public record JobSkipped(long robots, long outOfScope, long duplicate, long overLimit) {}
