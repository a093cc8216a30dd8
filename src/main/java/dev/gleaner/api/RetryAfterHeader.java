package dev.gleaner.api;

import java.time.Duration;

/** Durations as whole seconds for {@code Retry-After} and {@code X-RateLimit-Reset}: rounded up, at least 1 if any. */
final class RetryAfterHeader {
    private RetryAfterHeader() {}

    static String seconds(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return "0";
        }
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Long.toString(seconds);
    }
}
