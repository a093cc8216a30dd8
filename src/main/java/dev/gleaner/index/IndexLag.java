package dev.gleaner.index;

import java.time.Duration;

/**
 * How far a process's search index is behind the store's change feed.
 *
 * @param position the last change the index applied
 * @param head the newest change the store had when it was last read
 * @param age how long ago the oldest change not yet applied was committed (zero when none is waiting)
 */
public record IndexLag(long position, long head, Duration age) {
    /** Changes committed but not yet applied. */
    public long changes() {
        return Math.max(0, head - position);
    }
}
