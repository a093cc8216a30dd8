package dev.gleaner.api;

import java.time.Duration;

/**
 * How long the server waits for a client, so that a slow or stalled client cannot hold a connection (and a thread)
 * open indefinitely. The values come from the configuration ({@code --http-…} flags).
 *
 * @param idle longest silence on a connection, in either direction, before it is closed (a job events stream writes a
 *     keep-alive well within it)
 * @param requestHeaders longest time from the moment the server waits for a request (a new connection, or the end of
 *     the previous response) to the end of its headers; a client trickling its request line or headers is cut off
 *     here, whatever its pace
 * @param minBodyBytesPerSecond least average rate a request body must arrive at once it has started (a slower body is
 *     answered 408 and the connection closed); a stalled body is bounded by {@code idle}
 */
public record HttpTimeouts(Duration idle, Duration requestHeaders, long minBodyBytesPerSecond) {
    public HttpTimeouts {
        if (idle.toMillis() < 1 || requestHeaders.toMillis() < 1 || minBodyBytesPerSecond < 0) {
            throw new IllegalArgumentException(
                    "HTTP timeouts must be at least 1 ms and the minimum body rate must not be negative");
        }
    }
}
