package dev.gleaner.jobs;

/** Distinct URLs a job saw but did not admit, by reason. */
public record Skipped(long robots, long outOfScope, long duplicate, long overLimit) {
    public static final Skipped NONE = new Skipped(0, 0, 0, 0);
}
