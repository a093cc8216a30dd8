package dev.gleaner.limits;

import java.time.Duration;

/**
 * The request rate state of one key after a request: whether the request was let through, and what the
 * {@code X-RateLimit-*} headers report.
 *
 * @param limit the bucket's size (the most requests at once)
 * @param remaining requests that may be made at once now
 * @param reset how long until the bucket is full again
 * @param retryAfter for a refused request, how long until one more is allowed; zero otherwise
 */
public record RateDecision(boolean allowed, int limit, int remaining, Duration reset, Duration retryAfter) {}
