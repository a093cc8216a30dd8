package dev.gleaner.store;

import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobEvents;
import dev.gleaner.jobs.JobProgress;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.SyncRemoval;
import dev.gleaner.jobs.UrlState;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Persists what {@link SyncRemoval} decides when a sync finishes, in the transaction that finishes it (the caller holds
 * the job's row lock): the source's datasets it did not see again are deleted — rows, chunks and file, as {@code DELETE
 * …/datasets/{id}} does, with a change-feed entry for every process's index — or, with a grace period, marked
 * ({@code removed_at}); each gets a frontier row with outcome {@code removed} and a {@code crawl.page} event, and is
 * counted in the job's {@code changes.removed}. Datasets seen again lose a mark they had. Also sets a dataset's source
 * when a sync stores, updates or confirms it.
 */
final class SourceRemovals {
    private static final String CANDIDATES =
            StateSql.resolve("SELECT d.id, COALESCE(d.source_url, d.file_url) AS url, d.removed_at,"
                    + " CASE WHEN EXISTS (SELECT 1 FROM frontier s WHERE s.dataset_id = d.id AND s.job_id = ?) THEN 1 ELSE 0 END"
                    + " AS seen,"
                    + " k.state, k.outcome, k.http_status FROM datasets d"
                    + " LEFT JOIN frontier k ON k.job_id = ? AND k.url_key = d.source_key"
                    + " WHERE d.knowledgebase_id = ? AND d.source_id = ? ORDER BY d.created_at, d.id");

    private final Duration grace;

    SourceRemovals(Duration grace) {
        this.grace = grace;
    }

    /**
     * Makes the dataset the source's (when {@code sourceId} is not null: the job is a sync) and clears a removal mark
     * it had: the sync saw it again.
     */
    static void seenBySync(Connection connection, @Nullable String sourceId, String datasetId) throws SQLException {
        if (sourceId == null) {
            return;
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE datasets SET source_id = ?, removed_at = NULL WHERE id = ?")) {
            update.setString(1, sourceId);
            update.setString(2, datasetId);
            update.executeUpdate();
        }
    }

    /**
     * The job after its end removed what it did not see, when it just finished as a complete sync; any other job as it
     * is. Removal events are written here, before the job's terminal event; feed entries are added to {@code feed}
     * for the caller to append last.
     */
    CrawlJob afterFinish(Connection connection, CrawlJob job, Instant now, List<IndexLog.Entry> feed)
            throws SQLException {
        String sourceId = job.spec().sourceId();
        if (sourceId == null || !SyncRemoval.applies(job, end(connection, job.id()))) {
            return job;
        }
        CrawlJob counted = job;
        for (SyncRemoval.Decision decision : SyncRemoval.decide(candidates(connection, job, sourceId), grace)) {
            SyncRemoval.Candidate dataset = decision.dataset();
            switch (decision.action()) {
                case KEEP -> {
                    if (dataset.removedAt() != null) {
                        setRemovedAt(connection, dataset.datasetId(), null);
                    }
                }
                case DELETE -> {
                    DatasetDeletion.delete(connection, dataset.datasetId());
                    feed.add(IndexLog.Entry.dataset(job.knowledgebaseId(), dataset.datasetId()));
                }
                case MARK -> setRemovedAt(connection, dataset.datasetId(), now);
                case LEAVE_MARKED -> {
                    // Reported by the sync that marked it; the sweep deletes it.
                }
            }
            if (decision.reported()) {
                String reason = SyncRemoval.reason(decision, grace, now);
                insertRow(connection, job.id(), dataset, reason, now);
                counted = JobProgress.removed(counted);
                OutboxWrites.write(
                        connection,
                        List.of(JobEvents.pageRemoved(counted, dataset.url(), reason, dataset.datasetId())),
                        now);
            }
        }
        return counted;
    }

    private static SyncRemoval.SyncEnd end(Connection connection, String jobId) throws SQLException {
        boolean seedingProblem;
        try (PreparedStatement select = connection.prepareStatement("SELECT seeding_problem FROM jobs WHERE id = ?")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                seedingProblem = row.next() && row.getString(1) != null;
            }
        }
        try (PreparedStatement select = connection.prepareStatement(StateSql.resolve(
                "SELECT 1 FROM frontier WHERE job_id = ? AND depth = 0 AND state = {state:done} LIMIT 1"))) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                return new SyncRemoval.SyncEnd(seedingProblem, row.next());
            }
        }
    }

    private static List<SyncRemoval.Candidate> candidates(Connection connection, CrawlJob job, String sourceId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CANDIDATES)) {
            select.setString(1, job.id());
            select.setString(2, job.id());
            select.setString(3, job.knowledgebaseId());
            select.setString(4, sourceId);
            List<SyncRemoval.Candidate> candidates = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(candidate(rows));
                }
            }
            return candidates;
        }
    }

    private static SyncRemoval.Candidate candidate(ResultSet row) throws SQLException {
        @Nullable String state = row.getString("state");
        @Nullable String outcome = row.getString("outcome");
        SyncRemoval.UrlSighting sighting = state == null
                ? null
                : new SyncRemoval.UrlSighting(
                        UrlState.fromWire(state),
                        outcome == null ? null : PageOutcome.fromWire(outcome),
                        SqlValues.nullableInt(row, "http_status"));
        return new SyncRemoval.Candidate(
                row.getString("id"),
                row.getString("url"),
                SqlValues.nullableInstant(row, "removed_at"),
                SqlValues.flag(row, "seen"),
                sighting);
    }

    private static void setRemovedAt(Connection connection, String datasetId, @Nullable Instant at)
            throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE datasets SET removed_at = ? WHERE id = ?")) {
            SqlValues.setNullableMillis(update, 1, at);
            update.setString(2, datasetId);
            update.executeUpdate();
        }
    }

    /**
     * The job's row for a removed dataset. Its key names the dataset, not its URL, so it never meets the row of the
     * URL itself (a page that answered 404 has both); it is never pending, so never claimed, and counted in no
     * counter but {@code changes.removed}.
     */
    private static void insertRow(
            Connection connection, String jobId, SyncRemoval.Candidate dataset, String reason, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(StateSql.resolve("INSERT INTO frontier (job_id,"
                + " url_key, url, host, depth, state, outcome, reason, attempts, not_before, dataset_id, updated_at)"
                + " VALUES (?, ?, ?, ?, 0, {state:removed}, {outcome:removed}, ?, 0, ?, ?, ?)"))) {
            insert.setString(1, jobId);
            insert.setString(2, "removed " + dataset.datasetId());
            insert.setString(3, dataset.url());
            insert.setString(4, host(dataset.url()));
            insert.setString(5, reason);
            insert.setLong(6, SqlValues.millis(now));
            insert.setString(7, dataset.datasetId());
            insert.setLong(8, SqlValues.millis(now));
            insert.executeUpdate();
        }
    }

    private static String host(String url) {
        try {
            return Objects.requireNonNullElse(URI.create(url).getHost(), "");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
