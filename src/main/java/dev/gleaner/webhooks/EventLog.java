package dev.gleaner.webhooks;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One event of a job's delivery log: its id and name, where it stands, every attempt so far (oldest first) and, while
 * pending, when it is tried next.
 */
public record EventLog(
        String id,
        String event,
        DeliveryStatus status,
        List<DeliveryAttempt> attempts,
        @Nullable Instant nextAttemptAt,
        Instant createdAt) {
    public EventLog {
        attempts = List.copyOf(attempts);
    }
}
