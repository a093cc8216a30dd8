package dev.gleaner.api.schema;

import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.WebhookTarget;
import dev.gleaner.sources.Schedule;
import dev.gleaner.sources.SourceView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Sources as the API shows them. Header values never leave the service: each is shown as {@link #MASK}. */
public final class SourceMapping {
    /** What a secret header value is shown as. */
    public static final String MASK = "***";

    private SourceMapping() {}

    public static Source source(SourceView view) {
        dev.gleaner.sources.Source source = view.source();
        CrawlJob last = view.lastJob();
        Instant skippedAt = source.lastSkippedAt();
        String skipReason = source.lastSkipReason();
        return new Source(
                source.id(),
                source.name(),
                request(source.spec(), source.urls()),
                schedule(source.schedule()),
                timestamp(source.nextRunAt()),
                last == null
                        ? null
                        : new SourceLastJob(
                                last.id(),
                                last.status().wire(),
                                timestamp(last.finishedAt()),
                                SchemaMapping.jobChanges(last.changes())),
                skippedAt == null || skipReason == null
                        ? null
                        : new SourceSkip(SchemaMapping.timestamp(skippedAt), skipReason),
                SchemaMapping.timestamp(source.createdAt()),
                SchemaMapping.timestamp(source.updatedAt()));
    }

    public static SourceList sources(List<SourceView> views) {
        return new SourceList(views.stream().map(SourceMapping::source).toList());
    }

    static SourceRequest request(CrawlSpec spec, List<String> urls) {
        boolean batch = spec.mode() == JobMode.BATCH;
        return new SourceRequest(
                spec.mode().wire(),
                batch ? null : spec.url(),
                batch ? urls : null,
                spec.limit(),
                spec.maxDepth(),
                spec.includePaths(),
                spec.excludePaths(),
                spec.allowSubdomains(),
                spec.crawlEntireDomain(),
                spec.sitemap().wire(),
                spec.ignoreQueryParameters(),
                webhook(spec.webhook()),
                masked(spec.headers().values()));
    }

    private static @Nullable SourceWebhook webhook(@Nullable WebhookTarget webhook) {
        if (webhook == null) {
            return null;
        }
        return new SourceWebhook(webhook.url(), masked(webhook.headers()), webhook.events());
    }

    private static @Nullable Map<String, String> masked(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        Map<String, String> masked = new LinkedHashMap<>();
        new TreeMap<>(headers).keySet().forEach(name -> masked.put(name, MASK));
        return masked;
    }

    private static @Nullable SourceSchedule schedule(Schedule schedule) {
        return switch (schedule) {
            case Schedule.Every every -> new SourceSchedule(every.iso(), null);
            case Schedule.Cron cron -> new SourceSchedule(null, cron.expression());
            case Schedule.Manual manual -> null;
        };
    }

    private static @Nullable String timestamp(@Nullable Instant instant) {
        return instant == null ? null : SchemaMapping.timestamp(instant);
    }
}
