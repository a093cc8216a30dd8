package dev.gleaner.store;

import dev.gleaner.jobs.AdmissionPolicy;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.JobEvents;
import dev.gleaner.jobs.JobProgress;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.jobs.JobStore;
import dev.gleaner.jobs.PageListing;
import dev.gleaner.jobs.PageOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link JobStore} in SQL. Reads return the stored counters and never scan the frontier. A job none of whose
 * seeds could be admitted, and with no seeding task to find more, can never make progress, so {@link #create} stores
 * it already {@code failed}, saying why. The pages listing is described in {@link JobPages}; a cursor it did not
 * return is an {@link IllegalArgumentException}.
 *
 * <p>{@link #retry} re-queues failed URLs of a {@code completed} or {@code failed} job only: a cancelled job also has
 * cancelled URLs, counted in {@code total} but neither done nor failed, so running it to completion again would
 * break {@code done + failed == total}; it is returned unchanged like a job with nothing to retry.
 */
public final class SqlJobStore implements JobStore {
    /** The usage counter kind whose row serializes an owner's job admissions (its amount counts admissions). */
    private static final String ADMISSIONS = "job_admissions";

    private final Database database;
    private final JobRows jobRows;

    public SqlJobStore(Database database) {
        this.database = database;
        this.jobRows = new JobRows(database.dialect(), database.json());
    }

    @Override
    public CrawlJob create(CrawlJob job, List<FoundUrl> seeds) {
        return database.inTransaction(connection -> insert(connection, job, seeds));
    }

    @Override
    public Optional<CrawlJob> createWithin(CrawlJob job, List<FoundUrl> seeds, String ownerId, int maxUnfinished) {
        return database.inTransaction(connection -> {
            if (maxUnfinished > 0) {
                lockAdmissions(connection, ownerId);
                long unfinished = unfinishedOf(connection, ownerId);
                if (!AdmissionPolicy.admitsAnother(maxUnfinished, () -> unfinished)) {
                    return Optional.<CrawlJob>empty();
                }
            }
            return Optional.of(insert(connection, job, seeds));
        });
    }

    @Override
    public long unfinishedOf(String ownerId) {
        return database.read(connection -> unfinishedOf(connection, ownerId));
    }

    /**
     * Locks the owner's admission row until the transaction ends (PostgreSQL: a row lock; SQLite already holds the
     * database's write lock), so concurrent admissions of one owner count each other's jobs.
     */
    private static void lockAdmissions(Connection connection, String ownerId) throws SQLException {
        SqlUsageStore.ensureRow(connection, ownerId, ADMISSIONS, 0);
        try (PreparedStatement lock = connection.prepareStatement(
                "UPDATE usage_counters SET amount = amount + 1 WHERE owner_id = ? AND kind = ? AND day = 0")) {
            lock.setString(1, ownerId);
            lock.setString(2, ADMISSIONS);
            lock.executeUpdate();
        }
    }

    private static long unfinishedOf(Connection connection, String ownerId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(StateSql.resolve("SELECT COUNT(*) FROM jobs j"
                + " JOIN projects p ON p.id = j.project_id"
                + " WHERE p.owner_id = ? AND j.status IN ({live})"))) {
            count.setString(1, ownerId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private CrawlJob insert(Connection connection, CrawlJob job, List<FoundUrl> seeds) throws SQLException {
        CrawlJob fresh = JobProgress.fresh(job);
        jobRows.insert(connection, fresh);
        Instant now = fresh.updatedAt();
        CrawlJob counted = Admission.admit(connection, fresh, seeds, now);
        CrawlJob admitted = AdmissionPolicy.created(counted, Seeding.isOpen(connection, fresh.id()), seeds);
        if (!admitted.equals(fresh)) {
            jobRows.update(connection, admitted);
        }
        OutboxWrites.write(connection, JobEvents.created(fresh, admitted), now);
        return admitted;
    }

    @Override
    public List<CrawlJob> list(String knowledgebaseId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + JobRows.COLUMNS
                    + " FROM jobs WHERE knowledgebase_id = ? ORDER BY started_at DESC, id DESC")) {
                select.setString(1, knowledgebaseId);
                List<CrawlJob> jobs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(jobRows.read(rows));
                    }
                }
                return jobs;
            }
        });
    }

    @Override
    public List<CrawlJob> changedSince(Instant since, int limit) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + JobRows.COLUMNS + " FROM jobs WHERE updated_at >= ? ORDER BY updated_at, id LIMIT ?")) {
                select.setLong(1, SqlValues.millis(since));
                select.setInt(2, limit);
                List<CrawlJob> jobs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(jobRows.read(rows));
                    }
                }
                return jobs;
            }
        });
    }

    @Override
    public Optional<CrawlJob> find(String knowledgebaseId, String jobId) {
        return database.read(connection -> jobRows.find(connection, knowledgebaseId, jobId));
    }

    @Override
    public Optional<CrawlJob> cancel(String knowledgebaseId, String jobId, Instant now) {
        return database.inTransaction(connection -> {
            Optional<CrawlJob> locked = jobRows.lock(connection, knowledgebaseId, jobId);
            if (locked.isEmpty() || locked.get().status().finished()) {
                return locked;
            }
            cancelOpenUrls(connection, jobId, now);
            Seeding.end(connection, jobId);
            CrawlJob cancelled = JobProgress.finished(locked.get(), JobStatus.CANCELLED, null);
            return Optional.of(jobRows.save(connection, locked.get(), cancelled, now));
        });
    }

    @Override
    public Optional<PageListing> pages(
            String knowledgebaseId, String jobId, @Nullable PageOutcome outcome, int limit, @Nullable String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("A pages listing has at least one page: " + limit);
        }
        long after = JobPages.after(cursor);
        return database.read(connection -> {
            if (jobRows.find(connection, knowledgebaseId, jobId).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(JobPages.read(connection, jobId, outcome, limit, after));
        });
    }

    @Override
    public Optional<CrawlJob> retry(String knowledgebaseId, String jobId, Instant now) {
        return database.inTransaction(connection -> {
            Optional<CrawlJob> locked = jobRows.lock(connection, knowledgebaseId, jobId);
            if (locked.isEmpty() || !locked.get().status().canBecome(JobStatus.RUNNING)) {
                return locked;
            }
            CrawlJob before = locked.get();
            int requeued = requeueFailedUrls(connection, jobId, now);
            if (requeued == 0) {
                return locked;
            }
            return Optional.of(jobRows.save(connection, before, JobProgress.retried(before, requeued), now));
        });
    }

    /** Returns the job's failed URLs to pending, as if never tried; returns how many there were. */
    private static int requeueFailedUrls(Connection connection, String jobId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                StateSql.resolve(
                        "UPDATE frontier SET state = {state:pending},"
                                + " outcome = NULL, reason = NULL, http_status = NULL, attempts = 0, worker_id = NULL,"
                                + " lease_expires_at = NULL, not_before = ?, updated_at = ? WHERE job_id = ? AND state = {state:failed}"))) {
            update.setLong(1, SqlValues.millis(now));
            update.setLong(2, SqlValues.millis(now));
            update.setString(3, jobId);
            return update.executeUpdate();
        }
    }

    private static void cancelOpenUrls(Connection connection, String jobId, Instant now) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement(StateSql.resolve("UPDATE frontier SET state = {state:cancelled},"
                        + " outcome = {outcome:cancelled}, worker_id = NULL, lease_expires_at = NULL, updated_at = ?"
                        + " WHERE job_id = ? AND state IN ({state:pending}, {state:leased})"))) {
            update.setLong(1, SqlValues.millis(now));
            update.setString(2, jobId);
            update.executeUpdate();
        }
    }
}
