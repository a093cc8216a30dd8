package dev.gleaner.jobs;

/** Distinct URLs a job saw but did not admit, by reason. */
public record Skipped(long robots, long outOfScope, long duplicate, long overLimit) {
    public static final Skipped NONE = new Skipped(0, 0, 0, 0);

    /** These counts with one more URL skipped for {@code reason}. */
    public Skipped plus(SkipReason reason) {
        return switch (reason) {
            case ROBOTS -> new Skipped(robots + 1, outOfScope, duplicate, overLimit);
            case OUT_OF_SCOPE -> new Skipped(robots, outOfScope + 1, duplicate, overLimit);
            case DUPLICATE -> new Skipped(robots, outOfScope, duplicate + 1, overLimit);
            case OVER_LIMIT -> new Skipped(robots, outOfScope, duplicate, overLimit + 1);
        };
    }
}
