package dev.gleaner.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.PageReport;
import dev.gleaner.jobs.WebhookEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders the JSON body of an event, once, when the event is written to the outbox: every attempt then sends (and
 * signs) the very same bytes. The shape is schema {@code WebhookEvent} of {@code openapi.json}: {@code id, event,
 * jobId, knowledgebaseId, timestamp, data}; {@code data} is the job (schema {@code Job}) for {@code crawl.started} and
 * the terminal events, and the page's outcome with the job's counters after it for {@code crawl.page}.
 */
public final class WebhookPayloads {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookPayloads() {}

    /** The body of a job-level event ({@code crawl.started} or a terminal one) reporting {@code job}. */
    public static String jobEvent(String id, WebhookEvent event, CrawlJob job, Instant at) {
        return body(id, event, job, at, job(job));
    }

    /** The body of a {@code crawl.page} event; {@code job} holds the counters after the page. */
    public static String pageEvent(String id, CrawlJob job, PageReport page, Instant at) {
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("url", page.url());
        data.put("outcome", page.outcome().wire());
        data.put("reason", page.reason());
        data.put("httpStatus", page.httpStatus());
        data.put("datasetId", page.datasetId());
        data.put("total", job.total());
        data.put("done", job.done());
        data.put("failed", job.failed());
        return body(id, WebhookEvent.PAGE, job, at, data);
    }

    private static String body(
            String id, WebhookEvent event, CrawlJob job, Instant at, Map<String, @Nullable Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("event", event.wire());
        body.put("jobId", job.id());
        body.put("knowledgebaseId", job.knowledgebaseId());
        body.put("timestamp", timestamp(at));
        body.put("data", withoutNulls(data));
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook event cannot be written as JSON", e);
        }
    }

    /** The job as schema {@code Job} shows it: the fields of {@code GET …/crawl/jobs/{jobId}}. */
    private static Map<String, @Nullable Object> job(CrawlJob job) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("jobId", job.id());
        fields.put("mode", job.mode().wire());
        fields.put("total", job.total());
        fields.put("done", job.done());
        fields.put("failed", job.failed());
        fields.put("status", job.status().wire());
        fields.put("startedAt", timestamp(job.startedAt()));
        fields.put("updatedAt", timestamp(job.updatedAt()));
        fields.put("url", job.spec().url());
        fields.put("finishedAt", job.finishedAt() == null ? null : timestamp(job.finishedAt()));
        Map<String, Object> skipped = new LinkedHashMap<>();
        skipped.put("robots", job.skipped().robots());
        skipped.put("outOfScope", job.skipped().outOfScope());
        skipped.put("duplicate", job.skipped().duplicate());
        skipped.put("overLimit", job.skipped().overLimit());
        fields.put("skipped", skipped);
        fields.put("limitReached", job.limitReached());
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("new", job.changes().added());
        changes.put("updated", job.changes().updated());
        changes.put("unchanged", job.changes().unchanged());
        changes.put("removed", job.changes().removed());
        fields.put("changes", changes);
        fields.put("error", job.error());
        fields.put("sourceId", job.spec().sourceId());
        return fields;
    }

    private static Map<String, Object> withoutNulls(Map<String, @Nullable Object> fields) {
        Map<String, Object> present = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        return present;
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
