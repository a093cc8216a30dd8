package dev.gleaner.store;

import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobEvents;
import dev.gleaner.jobs.JobProgress;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.UnchangedSeed;
import dev.gleaner.jobs.WebhookEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends the seeds a sitemap says are unchanged, right after they were admitted, in the seeding transaction: each
 * admitted as pending (so within the job's limit) becomes done as {@code unchanged} with its dataset, counted like a
 * page that was fetched and found unchanged ({@link JobProgress#apply}), seen by the job's sync, with its page event.
 * Nobody claims them meanwhile: the rows are not committed yet, and the caller holds the job's row locked.
 */
final class UnchangedSeeds {
    private UnchangedSeeds() {}

    /** Confirms {@code seeds} of the locked {@code job}; returns the job with its counters updated. */
    static CrawlJob confirm(Connection connection, CrawlJob job, List<UnchangedSeed> seeds, Instant now)
            throws SQLException {
        CrawlJob counted = job;
        List<JobEvents.Emitted> events = new ArrayList<>();
        for (UnchangedSeed seed : seeds) {
            String url = markDone(connection, job.id(), seed, now);
            if (url == null) {
                continue; // not admitted: over the limit, skipped, or already known to the job
            }
            PageResult.Settled result =
                    new PageResult.Settled(PageOutcome.UNCHANGED, seed.reason(), null, List.of(), seed.datasetId());
            counted = JobProgress.apply(counted, result);
            SourceRemovals.seenBySync(connection, job.spec().sourceId(), seed.datasetId());
            CrawlJob after = counted;
            JobEvents.report(url, result)
                    .ifPresent(page -> events.add(new JobEvents.Emitted(WebhookEvent.PAGE, after, page)));
        }
        OutboxWrites.write(connection, events, now);
        return counted;
    }

    /** Marks the seed's pending row done; its URL, or null when the job has no pending row for it. */
    private static @org.jspecify.annotations.Nullable String markDone(
            Connection connection, String jobId, UnchangedSeed seed, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(StateSql.resolve(
                "UPDATE frontier SET state = {state:done}, outcome = ?, reason = ?, dataset_id = ?, updated_at = ?"
                        + " WHERE job_id = ? AND url_key = ? AND state = {state:pending} AND attempts = 0"))) {
            update.setString(1, PageOutcome.UNCHANGED.wire());
            update.setString(2, seed.reason());
            update.setString(3, seed.datasetId());
            update.setLong(4, SqlValues.millis(now));
            update.setString(5, jobId);
            update.setString(6, seed.key());
            if (update.executeUpdate() == 0) {
                return null;
            }
        }
        try (PreparedStatement select =
                connection.prepareStatement("SELECT url FROM frontier WHERE job_id = ? AND url_key = ?")) {
            select.setString(1, jobId);
            select.setString(2, seed.key());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
