package dev.gleaner.jobs;

import java.util.Locale;

/**
 * {@code queued} → {@code running} → {@code completed} | {@code failed} | {@code cancelled}. A queued job may also
 * end at once (nothing could be admitted, or it was cancelled); a completed or failed job runs again when its failed
 * URLs are retried; a cancelled job stays cancelled.
 */
public enum JobStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** Whether a job in this status may change to {@code next} (a different status). */
    public boolean canBecome(JobStatus next) {
        return switch (this) {
            case QUEUED -> next != QUEUED;
            case RUNNING -> next.finished();
            case COMPLETED, FAILED -> next == RUNNING;
            case CANCELLED -> false;
        };
    }

    public static JobStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
