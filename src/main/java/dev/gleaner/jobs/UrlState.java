package dev.gleaner.jobs;

import java.util.Locale;

/**
 * The state of one URL in a job's frontier. Admitted URLs start {@code pending}, are {@code leased} by a worker, and
 * end {@code done}, {@code failed} or {@code cancelled}; URLs seen but not admitted are {@code skipped} from the start;
 * a dataset a complete sync removed gets a row {@code removed}.
 */
public enum UrlState {
    PENDING,
    LEASED,
    DONE,
    FAILED,
    CANCELLED,
    SKIPPED,
    /** A row a complete sync added for a dataset it removed: never admitted, never counted in total. */
    REMOVED;

    /** The name in SQL. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UrlState fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** Whether the URL still keeps its job from finishing. */
    public boolean isOpen() {
        return this == PENDING || this == LEASED;
    }

    /** The state a URL ends in after processing ended with {@code outcome}; never for an outcome still open. */
    public static UrlState after(PageOutcome outcome) {
        return switch (outcome.counter()) {
            case DONE -> DONE;
            case FAILED -> FAILED;
            case SKIPPED -> SKIPPED;
            case REMOVED -> REMOVED;
            case NONE -> {
                if (outcome != PageOutcome.CANCELLED) {
                    throw new IllegalArgumentException("Not a final outcome: " + outcome.wire());
                }
                yield CANCELLED;
            }
        };
    }
}
