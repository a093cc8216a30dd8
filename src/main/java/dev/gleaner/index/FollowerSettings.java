package dev.gleaner.index;

import java.time.Duration;

/**
 * How a process's index follows the change feed.
 *
 * @param pollInterval how often the feed is read for changes of other processes
 * @param maxWait the longest a query asking for a {@code minPosition} waits for the index to reach it
 * @param keep changes kept in the feed below the slowest live follower's position (a margin for a follower that
 *     restarts from an older commit)
 * @param followerTimeout a follower not heard of for this long no longer holds back pruning
 */
public record FollowerSettings(Duration pollInterval, Duration maxWait, long keep, Duration followerTimeout) {
    public FollowerSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, was " + pollInterval);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the longest wait must not be negative, was " + maxWait);
        }
        if (keep < 0) {
            throw new IllegalArgumentException("the changes kept must not be negative, was " + keep);
        }
    }
}
