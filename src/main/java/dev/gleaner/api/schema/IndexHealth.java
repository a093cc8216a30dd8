package dev.gleaner.api.schema;

import dev.gleaner.index.IndexFollower;
import dev.gleaner.index.IndexLag;

/**
 * Schema {@code IndexHealth} ({@code [ext]} of {@code Health}): this process's search index against the store's chunk
 * change feed.
 *
 * @param position the last change the index applied
 * @param head the newest change the store had committed when the feed was last read
 * @param lagChanges changes committed but not applied yet
 * @param lagSeconds how long ago the oldest change not applied yet was committed (0 when none waits)
 * @param openedBy {@code resumed} (from the position its last commit recorded) or {@code rebuilt} (from the store)
 * @param appliedChanges changes applied since the process started
 * @param rebuilds rebuilds since the process started, the one at start included
 */
public record IndexHealth(
        long position,
        long head,
        long lagChanges,
        double lagSeconds,
        String openedBy,
        long appliedChanges,
        long rebuilds) {

    public static IndexHealth of(IndexFollower follower) {
        IndexLag lag = follower.lag();
        return new IndexHealth(
                lag.position(),
                lag.head(),
                lag.changes(),
                lag.age().toMillis() / 1000.0,
                follower.openedBy().rebuild() ? "rebuilt" : "resumed",
                follower.appliedChanges(),
                follower.rebuilds());
    }
}
