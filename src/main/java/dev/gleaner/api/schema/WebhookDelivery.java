package dev.gleaner.api.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code WebhookDelivery}: one event of a job's delivery log: {@code status} is {@code pending},
 * {@code delivered} or {@code failed}; {@code nextAttemptAt} is present while pending.
 */
public record WebhookDelivery(
        String id,
        String event,
        String status,
        String createdAt,
        List<WebhookAttempt> attempts,
        @Nullable String nextAttemptAt) {
    public WebhookDelivery {
        attempts = List.copyOf(attempts);
    }
}
