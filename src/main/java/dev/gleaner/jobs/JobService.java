package dev.gleaner.jobs;

import dev.gleaner.ErrorCode;
import dev.gleaner.Ids;
import dev.gleaner.ServiceException;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.crawl.NormalizedUrl;
import dev.gleaner.crawl.UrlNormalizer;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.limits.QuotaUse;
import dev.gleaner.limits.UsageKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Starts, lists, cancels and retries the jobs of a knowledgebase the caller already owns, and lists the URLs a job saw.
 * Starting persists the job and its seeds before anything is fetched, then wakes the workers; so does a retry.
 *
 * <p>An owner may have at most {@code maxUnfinishedPerOwner} jobs queued or running at once, and none may start or
 * be retried while its daily page quota is used up: both are a 429 that stores nothing.
 */
public final class JobService {
    /** The outcomes a pages listing can be filtered on: every final outcome of {@link PageRecord}, and in progress. */
    public static final List<String> PAGE_OUTCOMES = PageOutcome.WIRE_NAMES;
    /** URLs listed per page when no limit is given. */
    public static final int DEFAULT_PAGES_LIMIT = 100;
    /** The most URLs one page of a listing holds. */
    public static final int MAX_PAGES_LIMIT = 1_000;

    private final JobStore store;
    private final UrlNormalizer normalizer;
    private final Clock clock;
    private final Runnable wakeWorkers;
    private final DailyQuotas quotas;
    private final int maxUnfinishedPerOwner;

    /** How long a client refused for having too many unfinished jobs is told to wait: a hint, jobs end when they do. */
    static final Duration UNFINISHED_RETRY_HINT = Duration.ofSeconds(30);

    public JobService(
            JobStore store,
            UrlNormalizer normalizer,
            Clock clock,
            Runnable wakeWorkers,
            DailyQuotas quotas,
            int maxUnfinishedPerOwner) {
        this.store = store;
        this.normalizer = normalizer;
        this.clock = clock;
        this.wakeWorkers = wakeWorkers;
        this.quotas = quotas;
        this.maxUnfinishedPerOwner = maxUnfinishedPerOwner;
    }

    /** A job just accepted, with the batch URLs that were not valid http(s) URLs. */
    public record Started(CrawlJob job, List<String> invalidUrls) {}

    /**
     * Accepts a validated request of {@code ownerId}. In batch mode {@code urls} are the seeds (invalid ones are
     * returned, none valid is a 400); otherwise the seed is {@code spec.url()}.
     */
    public Started start(String ownerId, Knowledgebase kb, CrawlSpec spec, List<String> urls) {
        List<String> invalid = new ArrayList<>();
        Map<String, FoundUrl> seeds = new LinkedHashMap<>();
        List<String> raw = spec.mode() == JobMode.BATCH
                ? urls
                : Optional.ofNullable(spec.url()).stream().toList();
        for (String url : raw) {
            Optional<NormalizedUrl> normalized = normalizer.normalize(url, spec.ignoreQueryParameters());
            if (normalized.isEmpty()) {
                invalid.add(url);
                continue;
            }
            NormalizedUrl n = normalized.get();
            seeds.putIfAbsent(n.key(), FoundUrl.candidate(n.uri().toString(), n.key(), n.server(), 0));
        }
        if (seeds.isEmpty()) {
            String field = spec.mode() == JobMode.BATCH ? "urls" : "url";
            throw new ServiceException(
                    ErrorCode.BAD_REQUEST,
                    "No valid http(s) URL to import",
                    Map.of(field, "no valid absolute http(s) URL without credentials"));
        }
        if (!crawlsSeedPage(spec)) {
            // The URL names the site whose sitemaps the seeding task reads; it is not a page to import itself.
            seeds.clear();
        }
        Instant now = clock.instant();
        CrawlJob job = CrawlJob.queued(Ids.next("job"), kb.projectId(), kb.id(), spec, now);
        requirePagesLeft(ownerId);
        CrawlJob created = store.createWithin(job, List.copyOf(seeds.values()), ownerId, maxUnfinishedPerOwner)
                .orElseThrow(this::tooManyUnfinished);
        wakeWorkers.run();
        return new Started(created, List.copyOf(invalid));
    }

    private static boolean crawlsSeedPage(CrawlSpec spec) {
        return spec.mode() == JobMode.BATCH || (spec.mode() == JobMode.CRAWL && spec.sitemap() != SitemapPolicy.ONLY);
    }

    /** The knowledgebase's jobs, newest first, from stored counters. */
    public List<CrawlJob> list(Knowledgebase kb) {
        return store.list(kb.id());
    }

    public CrawlJob get(Knowledgebase kb, String jobId) {
        return store.find(kb.id(), jobId).orElseThrow(() -> ServiceException.notFound("Job"));
    }

    /** Cancels an unfinished job; a finished one is a 409. */
    public CrawlJob cancel(Knowledgebase kb, String jobId) {
        CrawlJob before = get(kb, jobId);
        if (before.status().finished()) {
            throw alreadyFinished(before);
        }
        CrawlJob after =
                store.cancel(kb.id(), jobId, clock.instant()).orElseThrow(() -> ServiceException.notFound("Job"));
        if (after.status() != JobStatus.CANCELLED) {
            throw alreadyFinished(after);
        }
        return after;
    }

    /**
     * One page of the URLs the job saw, in admission order, optionally only those with {@code outcome} (one of
     * {@link #PAGE_OUTCOMES}); {@code cursor} is the previous page's {@code nextCursor}. A cursor the listing did not
     * return is a 400.
     */
    public PageListing pages(
            Knowledgebase kb, String jobId, @Nullable String outcome, int limit, @Nullable String cursor) {
        if (limit < 1 || limit > MAX_PAGES_LIMIT) {
            throw ServiceException.badRequest(
                    "The limit is out of range",
                    Map.of("limit", "must be an integer between 1 and " + MAX_PAGES_LIMIT));
        }
        if (outcome != null && !PAGE_OUTCOMES.contains(outcome)) {
            throw ServiceException.badRequest(
                    "The outcome is not one a page can have",
                    Map.of("outcome", "must be one of: " + String.join(", ", PAGE_OUTCOMES)));
        }
        Optional<PageListing> listing;
        try {
            listing =
                    store.pages(kb.id(), jobId, outcome == null ? null : PageOutcome.fromWire(outcome), limit, cursor);
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest(
                    "The cursor is not one this listing returned",
                    Map.of("cursor", "is not a nextCursor this listing returned"));
        }
        return listing.orElseThrow(() -> ServiceException.notFound("Job"));
    }

    /**
     * Re-queues the failed URLs of a completed or failed job and wakes the workers; the job runs again. A job still
     * running, cancelled, or without a failed URL is a 409.
     */
    public CrawlJob retry(String ownerId, Knowledgebase kb, String jobId) {
        requireRetryable(get(kb, jobId));
        requirePagesLeft(ownerId);
        if (!AdmissionPolicy.admitsAnother(maxUnfinishedPerOwner, () -> store.unfinishedOf(ownerId))) {
            throw tooManyUnfinished();
        }
        CrawlJob after =
                store.retry(kb.id(), jobId, clock.instant()).orElseThrow(() -> ServiceException.notFound("Job"));
        if (after.status().finished()) {
            // Someone else retried or changed it in between; say why it cannot be retried now.
            requireRetryable(after);
            throw notRetryable(after, "has no failed URL to retry");
        }
        wakeWorkers.run();
        return after;
    }

    private void requirePagesLeft(String ownerId) {
        QuotaUse pages = quotas.today(ownerId, UsageKind.PAGES);
        if (!pages.allowed()) {
            throw quotas.refusal(pages, "page fetches");
        }
    }

    private ServiceException tooManyUnfinished() {
        return new ServiceException(
                ErrorCode.RATE_LIMITED,
                "This owner already has " + maxUnfinishedPerOwner
                        + " jobs queued or running; wait for one to finish, or cancel one, then start this one again",
                Map.of("jobs", "at most " + maxUnfinishedPerOwner + " queued or running jobs per owner"),
                UNFINISHED_RETRY_HINT);
    }

    private static void requireRetryable(CrawlJob job) {
        if (!job.status().finished()) {
            throw notRetryable(job, "has not finished yet; only a finished job can be retried");
        }
        if (job.status() == JobStatus.CANCELLED) {
            throw notRetryable(job, "was cancelled; only a completed or failed job can be retried");
        }
        if (job.failed() == 0) {
            throw notRetryable(job, "has no failed URL to retry");
        }
    }

    private static ServiceException notRetryable(CrawlJob job, String why) {
        return new ServiceException(
                ErrorCode.CONFLICT,
                "Job " + job.id() + " " + why,
                Map.of("status", job.status().wire(), "failed", Long.toString(job.failed())));
    }

    private static ServiceException alreadyFinished(CrawlJob job) {
        return new ServiceException(
                ErrorCode.CONFLICT,
                "Job " + job.id() + " already finished with status "
                        + job.status().wire(),
                Map.of("status", job.status().wire()));
    }
}
