package dev.gleaner.config;

import java.time.Duration;

/**
 * The API's limits on its clients ({@link HttpSetting}).
 *
 * @param maxRequestBytes the largest request body (multipart uploads are bound by {@link UploadConfig} instead)
 * @param idleTimeout the longest silence on a connection, either way, before it is closed
 * @param headerTimeout the longest time a client may take to send a request's line and headers
 * @param minBodyBytesPerSecond the least average rate a request body must arrive at; 0 for no minimum
 */
public record HttpConfig(
        long maxRequestBytes, Duration idleTimeout, Duration headerTimeout, long minBodyBytesPerSecond) {

    /** The table's defaults. */
    public static HttpConfig defaults() {
        return new HttpConfig(
                HttpSetting.MAX_REQUEST_BYTES.defaultLong(),
                Duration.ofSeconds(HttpSetting.IDLE_TIMEOUT_SECONDS.defaultLong()),
                Duration.ofSeconds(HttpSetting.HEADER_TIMEOUT_SECONDS.defaultLong()),
                HttpSetting.MIN_BODY_RATE.defaultLong());
    }

    /** This configuration with other timeouts and minimum body rate. */
    public HttpConfig withTimeouts(Duration idle, Duration headers, long minBodyRate) {
        return new HttpConfig(maxRequestBytes, idle, headers, minBodyRate);
    }

    void check(Problems problems) {
        problems.inRange(HttpSetting.MAX_REQUEST_BYTES, maxRequestBytes);
        // Tests shorten the timeouts below a second; the flags count whole seconds.
        problems.require(
                idleTimeout.toMillis() >= 1, "--http-idle-timeout-seconds must be ≥ 1, was " + idleTimeout.toSeconds());
        problems.require(
                headerTimeout.toMillis() >= 1,
                "--http-header-timeout-seconds must be ≥ 1, was " + headerTimeout.toSeconds());
        problems.inRange(HttpSetting.MIN_BODY_RATE, minBodyBytesPerSecond);
    }
}
