package dev.gleaner.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The job events streams ({@link EventSetting}).
 *
 * @param pollInterval how often the process's one job feed reads the jobs that changed
 * @param heartbeat the longest a stream stays silent before a keep-alive comment (below the HTTP idle timeout)
 * @param maxStreams the most streams open at once in this process (503 beyond it)
 * @param tokenLifetime how long a minted stream token can open a stream
 */
public record EventsConfig(Duration pollInterval, Duration heartbeat, int maxStreams, Duration tokenLifetime) {

    /** The table's defaults. */
    public static EventsConfig defaults() {
        return new EventsConfig(
                Duration.ofMillis(EventSetting.POLL_MS.defaultLong()),
                Duration.ofSeconds(EventSetting.HEARTBEAT_SECONDS.defaultLong()),
                EventSetting.MAX_STREAMS.defaultInt(),
                Duration.ofSeconds(EventSetting.TOKEN_SECONDS.defaultLong()));
    }

    /** This configuration with another heartbeat. */
    public EventsConfig withHeartbeat(Duration interval) {
        return new EventsConfig(pollInterval, interval, maxStreams, tokenLifetime);
    }

    /** This configuration with another token lifetime. */
    public EventsConfig withTokenLifetime(Duration lifetime) {
        return new EventsConfig(pollInterval, heartbeat, maxStreams, lifetime);
    }

    void check(Problems problems) {
        problems.inRange(EventSetting.POLL_MS, pollInterval, TimeUnit.MILLISECONDS);
        // Tests shorten the heartbeat and token lifetime below a second; the flags count whole seconds.
        problems.require(
                heartbeat.isPositive()
                        && heartbeat.compareTo(Duration.ofSeconds(
                                        EventSetting.HEARTBEAT_SECONDS.range().max()))
                                <= 0,
                "--events-heartbeat-seconds must be "
                        + EventSetting.HEARTBEAT_SECONDS.range().describe() + ", was " + heartbeat.toSeconds());
        problems.inRange(EventSetting.MAX_STREAMS, maxStreams);
        problems.require(
                tokenLifetime.isPositive(), "--events-token-seconds must be ≥ 1, was " + tokenLifetime.toSeconds());
    }
}
