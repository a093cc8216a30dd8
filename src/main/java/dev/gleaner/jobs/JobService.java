package dev.gleaner.jobs;

import dev.gleaner.ErrorCode;
import dev.gleaner.Ids;
import dev.gleaner.ServiceException;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.crawl.NormalizedUrl;
import dev.gleaner.crawl.UrlNormalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, lists and cancels the jobs of a knowledgebase the caller already owns. Starting persists the job and its
 * seeds before anything is fetched, then wakes the workers.
 */
public final class JobService {
    private final JobStore store;
    private final UrlNormalizer normalizer;
    private final Clock clock;
    private final Runnable wakeWorkers;

    public JobService(JobStore store, UrlNormalizer normalizer, Clock clock, Runnable wakeWorkers) {
        this.store = store;
        this.normalizer = normalizer;
        this.clock = clock;
        this.wakeWorkers = wakeWorkers;
    }

    /** A job just accepted, with the batch URLs that were not valid http(s) URLs. */
    public record Started(CrawlJob job, List<String> invalidUrls) {}

    /**
     * Accepts a validated request. In batch mode {@code urls} are the seeds (invalid ones are returned, none valid is a
     * 400); otherwise the seed is {@code spec.url()}.
     */
    public Started start(Knowledgebase kb, CrawlSpec spec, List<String> urls) {
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
        CrawlJob job = new CrawlJob(
                Ids.next("job"),
                kb.projectId(),
                kb.id(),
                spec,
                JobStatus.QUEUED,
                0,
                0,
                0,
                Skipped.NONE,
                false,
                null,
                now,
                now,
                null);
        CrawlJob created = store.create(job, List.copyOf(seeds.values()));
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

    private static ServiceException alreadyFinished(CrawlJob job) {
        return new ServiceException(
                ErrorCode.CONFLICT,
                "Job " + job.id() + " already finished with status "
                        + job.status().wire(),
                Map.of("status", job.status().wire()));
    }
}
