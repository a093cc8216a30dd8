package dev.gleaner.events;

import java.time.Duration;

/**
 * The limits and timings of the job events stream. The slack and throttle are fixed ({@link #COMMIT_SLACK},
 * {@link #THROTTLE}); the rest is configured ({@code --events-…} flags).
 *
 * @param pollInterval how often the one {@link JobFeed} of a process reads the jobs that changed
 * @param commitSlack how far behind its watermark the feed re-reads, and a resuming stream looks back: a change
 *     stamped this long before it committed (or by a process whose clock lags this much) is still seen
 * @param throttle the least time between two events about one job on one stream (changes in between coalesce)
 * @param heartbeat the longest a stream stays silent; a {@code : keep-alive} comment is sent after it. Kept below the
 *     HTTP server's 30 s idle timeout
 * @param maxStreams the most streams open at once in this process (503 beyond it)
 * @param tokenLifetime how long a minted stream token can open a stream
 */
public record EventSettings(
        Duration pollInterval,
        Duration commitSlack,
        Duration throttle,
        Duration heartbeat,
        int maxStreams,
        Duration tokenLifetime) {

    /** The server's idle timeout; a silent stream must send a heartbeat before it. */
    public static final Duration MAX_HEARTBEAT = Duration.ofSeconds(25);

    /** How far behind its watermark the feed re-reads. */
    public static final Duration COMMIT_SLACK = Duration.ofSeconds(10);

    /** The least time between two events about one job on one stream. */
    public static final Duration THROTTLE = Duration.ofMillis(250);

    public EventSettings {
        requirePositive(pollInterval, "pollInterval");
        requirePositive(commitSlack, "commitSlack");
        requirePositive(throttle, "throttle");
        requirePositive(heartbeat, "heartbeat");
        requirePositive(tokenLifetime, "tokenLifetime");
        if (heartbeat.compareTo(MAX_HEARTBEAT) > 0) {
            throw new IllegalArgumentException("heartbeat must be at most " + MAX_HEARTBEAT + ": " + heartbeat);
        }
        if (maxStreams < 0) {
            throw new IllegalArgumentException("maxStreams must not be negative: " + maxStreams);
        }
    }

    /** Settings with the configurable values given and the fixed slack and throttle. */
    public static EventSettings of(Duration pollInterval, Duration heartbeat, int maxStreams, Duration tokenLifetime) {
        return new EventSettings(pollInterval, COMMIT_SLACK, THROTTLE, heartbeat, maxStreams, tokenLifetime);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
