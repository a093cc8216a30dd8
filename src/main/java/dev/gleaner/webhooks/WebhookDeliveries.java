package dev.gleaner.webhooks;

import dev.gleaner.ServiceException;
import dev.gleaner.catalog.Knowledgebase;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads the delivery log of a job of a knowledgebase the caller already owns. */
public final class WebhookDeliveries {
    /** Events listed per page when no limit is given. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most events one page holds. */
    public static final int MAX_LIMIT = 1_000;

    private final WebhookOutbox outbox;

    public WebhookDeliveries(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    /** The log of the job's events; a 404 when the knowledgebase has no such job, a 400 for a foreign cursor. */
    public EventLogPage log(Knowledgebase kb, String jobId, int limit, @Nullable String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ServiceException.badRequest(
                    "The limit is out of range", Map.of("limit", "must be an integer between 1 and " + MAX_LIMIT));
        }
        Optional<EventLogPage> page;
        try {
            page = outbox.log(kb.id(), jobId, limit, cursor);
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest(
                    "The cursor is not one this listing returned",
                    Map.of("cursor", "is not a nextCursor this listing returned"));
        }
        return page.orElseThrow(() -> ServiceException.notFound("Job"));
    }
}
