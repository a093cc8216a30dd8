package dev.gleaner.webhooks;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One try at delivering an event: when it started, the receiver's HTTP status or why there was none
 * ({@code error}), how long it took and the start of the answer's body.
 */
public record DeliveryAttempt(
        Instant at,
        @Nullable Integer httpStatus,
        @Nullable String error,
        long durationMs,
        @Nullable String responseSnippet) {

    /** True when the receiver answered 2xx. */
    public boolean delivered() {
        return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
    }
}
