package dev.gleaner.store;

import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.Skipped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code jobs} table: reading, inserting, locking and writing back job rows. A job's progress is changed by locking
 * its row ({@link #lock}), applying {@link JobProgress} in memory and writing it back ({@link #update}) in the same
 * transaction, so concurrent writers of one job take turns and its counters always match its frontier rows.
 */
final class JobRows {
    static final String COLUMNS = "id, project_id, knowledgebase_id, spec, status, total, done, failed, skipped_robots,"
            + " skipped_out_of_scope, skipped_duplicate, skipped_over_limit, limit_reached, error, started_at,"
            + " updated_at, finished_at";

    private final Dialect dialect;
    private final JsonColumns json;

    JobRows(Dialect dialect, JsonColumns json) {
        this.dialect = dialect;
        this.json = json;
    }

    CrawlJob read(ResultSet row) throws SQLException {
        return new CrawlJob(
                row.getString("id"),
                row.getString("project_id"),
                row.getString("knowledgebase_id"),
                json.spec(row.getString("spec")),
                JobStatus.fromWire(row.getString("status")),
                row.getLong("total"),
                row.getLong("done"),
                row.getLong("failed"),
                new Skipped(
                        row.getLong("skipped_robots"),
                        row.getLong("skipped_out_of_scope"),
                        row.getLong("skipped_duplicate"),
                        row.getLong("skipped_over_limit")),
                SqlValues.flag(row, "limit_reached"),
                row.getString("error"),
                SqlValues.instant(row, "started_at"),
                SqlValues.instant(row, "updated_at"),
                SqlValues.nullableInstant(row, "finished_at"));
    }

    void insert(Connection connection, CrawlJob job) throws SQLException {
        CrawlSpec spec = job.spec();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs (" + COLUMNS
                + ", mode, url, seeding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            insert.executeUpdate();
        }
    }

    /**
     * Writes {@code after}, a change of the locked {@code before}, if anything changed, with the change's time
     * ({@link JobProgress#stamped}), with the webhook event the change reports, if any ({@link OutboxWrites}); returns
     * the job as stored.
     */
    CrawlJob save(Connection connection, CrawlJob before, CrawlJob after, Instant now) throws SQLException {
        if (after.equals(before)) {
            return before;
        }
        CrawlJob stamped = JobProgress.stamped(before, after, now);
        update(connection, stamped);
        OutboxWrites.jobChanged(connection, before, stamped, now);
        return stamped;
    }

    /** Writes back everything about the job that can change after it is created, times as they are. */
    void update(Connection connection, CrawlJob job) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET status = ?, total = ?, done = ?,"
                + " failed = ?, skipped_robots = ?, skipped_out_of_scope = ?, skipped_duplicate = ?,"
                + " skipped_over_limit = ?, limit_reached = ?, error = ?, updated_at = ?, finished_at = ?"
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

    /** Sets status, the counters, limit_reached and error from {@code index} on; returns the next free index. */
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
        SqlValues.setNullableString(statement, index + 9, job.error());
        return index + 10;
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
     * Finishes a job (locked by the caller) that has no URL left pending or leased and no seeding task pending or
     * leased: {@code failed}, naming the first failure, when nothing was done and something failed; otherwise
     * {@code completed}. Any other job is returned as it is.
     */
    CrawlJob finishIfDrained(Connection connection, CrawlJob job) throws SQLException {
        if (job.status().finished() || hasOpenUrls(connection, job.id()) || Seeding.isOpen(connection, job.id())) {
            return job;
        }
        if (job.done() == 0 && job.failed() > 0) {
            String error = "Every admitted URL failed; first: " + firstFailure(connection, job.id());
            return JobProgress.finished(job, JobStatus.FAILED, error);
        }
        return JobProgress.finished(job, JobStatus.COMPLETED, fewPagesExplanation(job));
    }

    /**
     * Why a crawl that found links ended with at most one page, so a user sees what to change; null otherwise.
     */
    private static @Nullable String fewPagesExplanation(CrawlJob job) {
        long outOfScope = job.skipped().outOfScope();
        long robots = job.skipped().robots();
        if (job.spec().mode() != dev.gleaner.jobs.JobMode.CRAWL || job.total() > 1 || outOfScope + robots == 0) {
            return null;
        }
        StringBuilder why = new StringBuilder("Only " + job.total() + " page(s) were admitted:");
        if (outOfScope > 0) {
            why.append(" ").append(outOfScope).append(" link(s) were out of scope (the crawl keeps to the seed's host");
            why.append(job.spec().crawlEntireDomain() ? "" : " and path");
            why.append("; see crawlEntireDomain, allowSubdomains, includePaths/excludePaths)");
        }
        if (robots > 0) {
            why.append(outOfScope > 0 ? ";" : "").append(" ").append(robots).append(" disallowed by robots.txt");
        }
        return why.append('.').toString();
    }

    private static boolean hasOpenUrls(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM frontier WHERE job_id = ? AND state IN ('pending', 'leased') LIMIT 1")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static String firstFailure(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT url, outcome, reason FROM frontier"
                + " WHERE job_id = ? AND state = 'failed' ORDER BY updated_at, seq LIMIT 1")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return "no failure recorded";
                }
                @Nullable String reason = row.getString("reason");
                return reason != null ? reason : row.getString("url") + " (" + row.getString("outcome") + ")";
            }
        }
    }
}
