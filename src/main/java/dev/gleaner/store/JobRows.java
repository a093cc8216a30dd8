package dev.gleaner.store;

import dev.gleaner.jobs.Changes;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobCompletion;
import dev.gleaner.jobs.JobEvents;
import dev.gleaner.jobs.JobProgress;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.Skipped;
import dev.gleaner.jobs.UrlState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code jobs} table: reading, inserting, locking and writing back job rows. A job's progress is changed by locking
 * its row ({@link #lock}), applying the pure functions of {@code jobs} ({@link JobProgress}, {@link JobCompletion})
 * in memory and writing it back ({@link #save}) with the events it emits in the same transaction, so concurrent writers of one job take turns and its counters always match its frontier rows.
 */
final class JobRows {
    static final String COLUMNS = "id, project_id, knowledgebase_id, spec, status, total, done, failed, skipped_robots,"
            + " skipped_out_of_scope, skipped_duplicate, skipped_over_limit, limit_reached, changes_new, changes_updated,"
            + " changes_unchanged, changes_removed, error, started_at, updated_at, finished_at";

    private final Dialect dialect;
    private final JsonColumns json;

    private final SourceRemovals removals;

    /** Job rows of a store that finishes no job (it only reads, creates, cancels and retries them). */
    JobRows(Dialect dialect, JsonColumns json) {
        this(dialect, json, new SourceRemovals(Duration.ZERO));
    }

    JobRows(Dialect dialect, JsonColumns json, SourceRemovals removals) {
        this.dialect = dialect;
        this.json = json;
        this.removals = removals;
    }

    CrawlJob read(ResultSet row) throws SQLException {
        Instant startedAt = SqlValues.instant(row, "started_at");
        Skipped skipped = new Skipped(
                row.getLong("skipped_robots"),
                row.getLong("skipped_out_of_scope"),
                row.getLong("skipped_duplicate"),
                row.getLong("skipped_over_limit"));
        return CrawlJob.queued(
                        row.getString("id"),
                        row.getString("project_id"),
                        row.getString("knowledgebase_id"),
                        json.spec(row.getString("spec")),
                        startedAt)
                .withCounts(row.getLong("total"), row.getLong("done"), row.getLong("failed"))
                .withSkipped(skipped, SqlValues.flag(row, "limit_reached"))
                .withChanges(new Changes(
                        row.getLong("changes_new"),
                        row.getLong("changes_updated"),
                        row.getLong("changes_unchanged"),
                        row.getLong("changes_removed")))
                .withEnd(JobStatus.fromWire(row.getString("status")), row.getString("error"), null)
                .withTimes(
                        startedAt, SqlValues.instant(row, "updated_at"), SqlValues.nullableInstant(row, "finished_at"));
    }

    void insert(Connection connection, CrawlJob job) throws SQLException {
        CrawlSpec spec = job.spec();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs (" + COLUMNS
                + ", mode, url, seeding, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?)")) {
            insert.setString(1, job.id());
            insert.setString(2, job.projectId());
            insert.setString(3, job.knowledgebaseId());
            insert.setString(4, json.spec(spec));
            int next = setProgress(insert, 5, job);
            insert.setLong(next, SqlValues.millis(job.startedAt()));
            insert.setLong(next + 1, SqlValues.millis(job.updatedAt()));
            SqlValues.setNullableMillis(insert, next + 2, job.finishedAt());
            insert.setString(next + 3, spec.mode().wire());
            SqlValues.setNullableString(insert, next + 4, spec.url());
            insert.setString(next + 5, Seeding.initialState(spec));
            SqlValues.setNullableString(insert, next + 6, spec.sourceId());
            insert.executeUpdate();
        }
    }

    /**
     * Writes {@code after}, a change of the locked {@code before}, if anything changed, with the change's time
     * ({@link JobProgress#stamped}), and the webhook events the change emits ({@link JobEvents#changed}) to the
     * outbox; returns the job as stored.
     */
    CrawlJob save(Connection connection, CrawlJob before, CrawlJob after, Instant now) throws SQLException {
        if (after.equals(before)) {
            return before;
        }
        if (before.status() != after.status() && !before.status().canBecome(after.status())) {
            throw new StoreException(
                    "Job " + before.id() + " cannot go from " + before.status() + " to " + after.status());
        }
        CrawlJob stamped = JobProgress.stamped(before, after, now);
        update(connection, stamped);
        OutboxWrites.write(connection, JobEvents.changed(before, stamped), now);
        return stamped;
    }

    /** Writes back everything about the job that can change after it is created, times as they are. */
    void update(Connection connection, CrawlJob job) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET status = ?, total = ?, done = ?,"
                + " failed = ?, skipped_robots = ?, skipped_out_of_scope = ?, skipped_duplicate = ?,"
                + " skipped_over_limit = ?, limit_reached = ?, changes_new = ?, changes_updated = ?,"
                + " changes_unchanged = ?, changes_removed = ?, error = ?, updated_at = ?, finished_at = ?"
                + " WHERE id = ?")) {
            int next = setProgress(update, 1, job);
            update.setLong(next, SqlValues.millis(job.updatedAt()));
            SqlValues.setNullableMillis(update, next + 1, job.finishedAt());
            update.setString(next + 2, job.id());
            if (update.executeUpdate() != 1) {
                throw new StoreException("Job " + job.id() + " vanished while it was locked");
            }
        }
    }

    /** Sets status, the counters, limit_reached, the change report and error from {@code index} on; returns the next free index. */
    private static int setProgress(PreparedStatement statement, int index, CrawlJob job) throws SQLException {
        statement.setString(index, job.status().wire());
        statement.setLong(index + 1, job.total());
        statement.setLong(index + 2, job.done());
        statement.setLong(index + 3, job.failed());
        statement.setLong(index + 4, job.skipped().robots());
        statement.setLong(index + 5, job.skipped().outOfScope());
        statement.setLong(index + 6, job.skipped().duplicate());
        statement.setLong(index + 7, job.skipped().overLimit());
        statement.setInt(index + 8, SqlValues.flag(job.limitReached()));
        statement.setLong(index + 9, job.changes().added());
        statement.setLong(index + 10, job.changes().updated());
        statement.setLong(index + 11, job.changes().unchanged());
        statement.setLong(index + 12, job.changes().removed());
        SqlValues.setNullableString(statement, index + 13, job.error());
        return index + 14;
    }

    /** Locks the job's row until the transaction ends (PostgreSQL) and returns it; empty when there is no such job. */
    Optional<CrawlJob> lock(Connection connection, String jobId) throws SQLException {
        return selectOne(connection, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?" + dialect.forUpdate(), jobId);
    }

    /** As {@link #lock(Connection, String)}, for a job of the given knowledgebase only. */
    Optional<CrawlJob> lock(Connection connection, String knowledgebaseId, String jobId) throws SQLException {
        return selectOne(
                connection,
                "SELECT " + COLUMNS + " FROM jobs WHERE id = ? AND knowledgebase_id = ?" + dialect.forUpdate(),
                jobId,
                knowledgebaseId);
    }

    Optional<CrawlJob> find(Connection connection, String knowledgebaseId, String jobId) throws SQLException {
        return selectOne(
                connection,
                "SELECT " + COLUMNS + " FROM jobs WHERE id = ? AND knowledgebase_id = ?",
                jobId,
                knowledgebaseId);
    }

    private Optional<CrawlJob> selectOne(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /**
     * Finishes a job (locked by the caller) if {@link JobCompletion} says so once no URL is left pending or leased and
     * no seeding task is pending or leased; any other job is returned as it is. A sync that finishes so removes what it
     * did not see ({@link SourceRemovals}), adding the change-feed entries of what it deleted to {@code feed}, which
     * the caller appends as its transaction's last statement.
     */
    CrawlJob finishIfDrained(Connection connection, CrawlJob job, Instant now, List<IndexLog.Entry> feed)
            throws SQLException {
        if (!JobCompletion.open(job)) {
            return job;
        }
        boolean drained = !hasOpenUrls(connection, job.id()) && !Seeding.isOpen(connection, job.id());
        JobCompletion.FirstFailure first =
                drained && JobCompletion.endsFailed(job) ? firstFailure(connection, job.id()) : null;
        CrawlJob finished = JobCompletion.finishIfDrained(job, drained, first);
        return finished.status() == job.status() ? finished : removals.afterFinish(connection, finished, now, feed);
    }

    private static boolean hasOpenUrls(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT 1 FROM frontier WHERE job_id = ? AND state IN ("
                        + StateSql.of(UrlState.PENDING, UrlState.LEASED) + ") LIMIT 1")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static JobCompletion.@Nullable FirstFailure firstFailure(Connection connection, String jobId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT url, outcome, reason FROM frontier" + " WHERE job_id = ? AND state = "
                        + StateSql.of(UrlState.FAILED) + " ORDER BY updated_at, seq LIMIT 1")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new JobCompletion.FirstFailure(
                        row.getString("url"), PageOutcome.fromWire(row.getString("outcome")), row.getString("reason"));
            }
        }
    }
}
