package dev.gleaner.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which webhook events a change of a job emits, as pure functions. A job emits {@code crawl.started} when it is
 * created and each time a retry runs it again, {@code crawl.page} for each admitted URL that reaches a final outcome,
 * and exactly one terminal event per run ({@code crawl.completed}, {@code crawl.failed} or {@code crawl.cancelled}).
 * An event is only written for a job whose webhook wants it ({@link #delivered}).
 */
public final class JobEvents {
    private JobEvents() {}

    /** One event and what it reports: the job (its counters after the change) and, for a page event, the page. */
    public record Emitted(WebhookEvent event, CrawlJob job, @Nullable PageReport page) {}

    /**
     * What a job just created emits: that it started (as {@code admitted}, its seeds counted), and, when no seed could
     * be admitted, that it failed (then {@code crawl.started} shows it as {@code fresh}, not yet failed).
     */
    public static List<Emitted> created(CrawlJob fresh, CrawlJob admitted) {
        if (!admitted.status().finished()) {
            return List.of(new Emitted(WebhookEvent.STARTED, admitted, null));
        }
        return List.of(
                new Emitted(WebhookEvent.STARTED, fresh, null),
                new Emitted(WebhookEvent.terminal(admitted.status()), admitted, null));
    }

    /** What a change of a job from {@code before} to {@code after} emits: a restart, its end, or nothing. */
    public static List<Emitted> changed(CrawlJob before, CrawlJob after) {
        List<Emitted> events = new ArrayList<>(1);
        if (before.status().finished() && !after.status().finished()) {
            events.add(new Emitted(WebhookEvent.STARTED, after, null));
        } else if (!before.status().finished() && after.status().finished()) {
            events.add(new Emitted(WebhookEvent.terminal(after.status()), after, null));
        }
        return events;
    }

    /**
     * The page event of a completion that took the job from {@code before} to {@code after} (its counters after the
     * page), when the page reached a final outcome: it was counted done or failed. A retry, or a result put back to
     * pending because another job changed its dataset meanwhile, counts neither and emits nothing.
     */
    public static Optional<Emitted> pageFinished(CrawlJob before, CrawlJob after, Lease lease, PageResult result) {
        if (after.done() + after.failed() <= before.done() + before.failed()) {
            return Optional.empty();
        }
        return report(lease.url(), result).map(page -> new Emitted(WebhookEvent.PAGE, after, page));
    }

    /** The page event of a URL failed by the store itself (its lease expired too often). */
    public static Emitted pageFailed(CrawlJob after, String url, String reason) {
        return new Emitted(WebhookEvent.PAGE, after, new PageReport(url, PageOutcome.FAILED, reason, null, null));
    }

    /** The page event of a dataset the job, a complete sync, removed ({@link SyncRemoval}). */
    public static Emitted pageRemoved(CrawlJob after, String url, String reason, String datasetId) {
        return new Emitted(WebhookEvent.PAGE, after, new PageReport(url, PageOutcome.REMOVED, reason, null, datasetId));
    }

    /** What a page that ended with {@code result} reports; empty for a retry. */
    public static Optional<PageReport> report(String url, PageResult result) {
        return switch (result) {
            case PageResult.Ingested ingested ->
                Optional.of(new PageReport(
                        url,
                        PageOutcome.INGESTED,
                        null,
                        ingested.httpStatus(),
                        ingested.dataset().id()));
            case PageResult.Updated updated ->
                Optional.of(new PageReport(
                        url,
                        PageOutcome.UPDATED,
                        null,
                        updated.httpStatus(),
                        updated.dataset().id()));
            case PageResult.Settled settled ->
                Optional.of(new PageReport(
                        url, settled.outcome(), settled.reason(), settled.httpStatus(), settled.datasetId()));
            case PageResult.Failed failed ->
                Optional.of(new PageReport(url, failed.outcome(), failed.reason(), failed.httpStatus(), null));
            case PageResult.Retry retry -> Optional.empty();
        };
    }

    /** Whether the event is written for delivery: the job has a webhook that wants it. */
    public static boolean delivered(Emitted emitted) {
        WebhookTarget target = emitted.job().spec().webhook();
        return target != null && target.wants(emitted.event());
    }
}
