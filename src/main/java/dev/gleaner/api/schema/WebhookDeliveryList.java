package dev.gleaner.api.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Schema {@code WebhookDeliveryList}: a page of a job's events in emission order; {@code nextCursor} omitted on the last. */
public record WebhookDeliveryList(List<WebhookDelivery> events, @Nullable String nextCursor) {
    public WebhookDeliveryList {
        events = List.copyOf(events);
    }
}
