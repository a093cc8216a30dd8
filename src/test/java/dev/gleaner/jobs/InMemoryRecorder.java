package dev.gleaner.jobs;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Records the result of a held lease for {@link InMemoryJobs}: moves the URL's row on, keeps what the SQL store's
 * dataset rows decide (one dataset per knowledgebase and source key; an update only of the content it was processed
 * against) and counts the page with {@link JobProgress}, admitting its links with {@link AdmissionPolicy}.
 */
final class InMemoryRecorder {
    private final InMemoryUrls urls;
    /** The content hash of each stored dataset by knowledgebase and source key. */
    private final Map<String, String> datasets = new HashMap<>();

    InMemoryRecorder(InMemoryUrls urls) {
        this.urls = urls;
    }

    /** The job after {@code result} was recorded for {@code url}; the job as it was when the result stores nothing. */
    CrawlJob record(CrawlJob job, InMemoryUrls.Url url, PageResult result, Instant now) {
        return switch (result) {
            case PageResult.Ingested ingested -> {
                String key = job.knowledgebaseId() + " " + ingested.sourceKey();
                if (datasets.containsKey(key)) {
                    urls.requeue(url, "Imported by another job at the same time; processed again", now);
                    yield job;
                }
                datasets.put(key, String.valueOf(ingested.dataset().contentHash()));
                urls.done(
                        url,
                        PageOutcome.INGESTED,
                        null,
                        ingested.httpStatus(),
                        ingested.dataset().id(),
                        now);
                yield urls.admit(JobProgress.apply(job, result), ingested.links(), now);
            }
            case PageResult.Updated updated -> {
                String key = job.knowledgebaseId() + " " + updated.sourceKey();
                if (!updated.previousContentHash().equals(datasets.get(key))) {
                    urls.requeue(url, "The dataset changed while the page was processed; processed again", now);
                    yield job;
                }
                datasets.put(key, String.valueOf(updated.dataset().contentHash()));
                urls.done(
                        url,
                        PageOutcome.UPDATED,
                        null,
                        updated.httpStatus(),
                        updated.dataset().id(),
                        now);
                yield urls.admit(JobProgress.apply(job, result), updated.links(), now);
            }
            case PageResult.Settled settled -> {
                urls.done(url, settled.outcome(), settled.reason(), settled.httpStatus(), null, now);
                yield urls.admit(JobProgress.apply(job, result), settled.links(), now);
            }
            case PageResult.Failed failed -> {
                urls.fail(url, failed.outcome(), failed.reason(), failed.httpStatus(), now);
                yield JobProgress.apply(job, result);
            }
            case PageResult.Retry retry -> {
                urls.retry(url, retry.reason(), retry.httpStatus(), retry.notBefore(), now);
                yield JobProgress.apply(job, result);
            }
        };
    }
}
