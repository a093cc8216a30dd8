package dev.gleaner.store;

import dev.gleaner.ingest.Dataset;
import dev.gleaner.jobs.ClaimPolicy;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.Frontier;
import dev.gleaner.jobs.JobEvents;
import dev.gleaner.jobs.JobProgress;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.Seeded;
import dev.gleaner.jobs.SeedingLease;
import dev.gleaner.jobs.UnchangedSeed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Frontier} in SQL. A claim is described in {@link Claims}. A completion locks the job's row first (so the
 * completions of one job take turns and admission never overshoots the limit), then moves the leased row on with an
 * update conditional on the lease still being held (same worker, same attempt, still leased): when that matches no
 * row, nothing has been written and the call answers false. Every change to a job's counters happens in the
 * transaction that changes the rows they count, computed by the pure functions of {@code jobs} ({@link JobProgress},
 * {@link JobEvents}, {@link dev.gleaner.jobs.JobCompletion}). A renewal is the same conditional update, on a job still queued or
 * running. Pacing is kept in {@link ServerPacing} ({@link #pace} only ever moves a server's not-before later), seeding
 * tasks in {@link Seeding}.
 */
public final class SqlFrontier implements Frontier {
    private static final String HELD =
            " WHERE job_id = ? AND url_key = ? AND state = {state:leased} AND worker_id = ? AND attempts = ?";

    private final Database database;
    private final JobRows jobRows;
    private final DatasetRows datasetRows;
    private final Claims claims;
    private final Seeding seeding;

    /** A frontier whose syncs delete the datasets they no longer find at once. */
    public SqlFrontier(Database database) {
        this(database, Duration.ZERO);
    }

    /**
     * A frontier whose complete syncs remove the datasets of their source they no longer find: at once when
     * {@code removalGrace} is zero, otherwise marked, to be deleted by {@link SqlRemovalSweep} once it has passed.
     */
    public SqlFrontier(Database database, Duration removalGrace) {
        this.database = database;
        JsonColumns json = database.json();
        this.jobRows = new JobRows(database.dialect(), json, new SourceRemovals(removalGrace));
        this.datasetRows = new DatasetRows(json);
        this.claims = new Claims(database.dialect(), jobRows);
        this.seeding = new Seeding(jobRows, database.dialect());
    }

    @Override
    public List<Lease> claim(String workerId, int max, Instant now, ClaimPolicy policy) {
        return database.inTransaction(connection -> claims.claim(connection, workerId, max, now, policy));
    }

    @Override
    public boolean complete(Lease lease, PageResult result, Instant now) {
        return database.inTransaction(connection -> {
            Optional<CrawlJob> locked = jobRows.lock(connection, lease.jobId());
            if (locked.isEmpty() || locked.get().status().finished()) {
                return false;
            }
            CrawlJob before = locked.get();
            Optional<CrawlJob> recorded =
                    switch (result) {
                        case PageResult.Ingested ingested -> ingested(connection, before, lease, ingested, now);
                        case PageResult.Updated updated -> updated(connection, before, lease, updated, now);
                        case PageResult.Settled settled -> settled(connection, before, lease, settled, now);
                        case PageResult.Failed failed -> failed(connection, before, lease, failed, now);
                        case PageResult.Retry retry -> retried(connection, before, lease, retry, now);
                    };
            if (recorded.isEmpty()) {
                // The lease is no longer held; nothing has been written in this transaction.
                return false;
            }
            List<JobEvents.Emitted> page = JobEvents.pageFinished(before, recorded.get(), lease, result).stream()
                    .toList();
            OutboxWrites.write(connection, page, now);
            List<IndexLog.Entry> feed = new ArrayList<>();
            // Also when the page was requeued instead: the follower then finds the dataset as stored (or gone) and
            // drops what a worker added to its index before the commit.
            storedDataset(result)
                    .ifPresent(stored -> feed.add(IndexLog.Entry.dataset(stored.knowledgebaseId(), stored.id())));
            jobRows.save(connection, before, jobRows.finishIfDrained(connection, recorded.get(), now, feed), now);
            IndexLog.append(connection, database.dialect(), feed);
            return true;
        });
    }

    private static Optional<Dataset> storedDataset(PageResult result) {
        return switch (result) {
            case PageResult.Ingested ingested -> Optional.of(ingested.dataset());
            case PageResult.Updated updated -> Optional.of(updated.dataset());
            default -> Optional.empty();
        };
    }

    private Optional<CrawlJob> ingested(
            Connection connection, CrawlJob job, Lease lease, PageResult.Ingested result, Instant now)
            throws SQLException {
        Dataset given = result.dataset();
        if (!markDone(connection, lease, PageOutcome.INGESTED, null, result.httpStatus(), given.id(), now)) {
            return Optional.empty();
        }
        Dataset stored = given.toBuilder()
                .jobId(given.jobId() != null ? given.jobId() : lease.jobId())
                .parsed(true)
                .chunkCount(result.chunks().size())
                .build();
        if (!datasetRows.insertCrawled(connection, stored, result.sourceKey(), result.chunks(), result.original())) {
            requeue(connection, lease, "Imported by another job at the same time; processed again", now);
            return Optional.of(job);
        }
        SourceRemovals.seenBySync(connection, job.spec().sourceId(), stored.id());
        return Optional.of(Admission.admit(connection, JobProgress.apply(job, result), result.links(), now));
    }

    private Optional<CrawlJob> updated(
            Connection connection, CrawlJob job, Lease lease, PageResult.Updated result, Instant now)
            throws SQLException {
        Dataset dataset = result.dataset();
        if (!markDone(connection, lease, PageOutcome.UPDATED, null, result.httpStatus(), dataset.id(), now)) {
            return Optional.empty();
        }
        if (!datasetRows.replace(
                connection,
                dataset,
                result.sourceKey(),
                result.previousContentHash(),
                result.chunks(),
                result.original())) {
            requeue(connection, lease, "The dataset changed while the page was processed; processed again", now);
            return Optional.of(job);
        }
        SourceRemovals.seenBySync(connection, job.spec().sourceId(), dataset.id());
        return Optional.of(Admission.admit(connection, JobProgress.apply(job, result), result.links(), now));
    }

    /**
     * Puts a URL whose result was just recorded back to pending, claimable at once: its dataset was stored or changed
     * by another job meanwhile, and processing it again updates that dataset (or finds it unchanged). Called in the
     * transaction that recorded the result, so the job's counters never saw it done.
     */
    private static void requeue(Connection connection, Lease lease, String reason, Instant now) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement(StateSql.resolve("UPDATE frontier SET state = {state:pending},"
                        + " outcome = NULL, reason = ?, dataset_id = NULL, not_before = ?, updated_at = ?"
                        + " WHERE job_id = ? AND url_key = ?"))) {
            update.setString(1, reason);
            update.setLong(2, SqlValues.millis(now));
            update.setLong(3, SqlValues.millis(now));
            update.setString(4, lease.jobId());
            update.setString(5, lease.urlKey());
            update.executeUpdate();
        }
    }

    private static Optional<CrawlJob> settled(
            Connection connection, CrawlJob job, Lease lease, PageResult.Settled result, Instant now)
            throws SQLException {
        String datasetId = result.datasetId();
        if (!markDone(connection, lease, result.outcome(), result.reason(), result.httpStatus(), datasetId, now)) {
            return Optional.empty();
        }
        if (datasetId != null) {
            SourceRemovals.seenBySync(connection, job.spec().sourceId(), datasetId);
            if (result.validators() != null) {
                DatasetRows.confirmFetch(connection, datasetId, result.validators());
            }
        }
        return Optional.of(Admission.admit(connection, JobProgress.apply(job, result), result.links(), now));
    }

    /** Marks the leased URL done with its outcome; false when the lease is no longer held (nothing changed). */
    private static boolean markDone(
            Connection connection,
            Lease lease,
            PageOutcome outcome,
            @Nullable String reason,
            @Nullable Integer httpStatus,
            @Nullable String datasetId,
            Instant now)
            throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement(StateSql.resolve("UPDATE frontier SET state = {state:done}, outcome = ?,"
                        + " reason = ?, http_status = ?, dataset_id = ?, worker_id = NULL, lease_expires_at = NULL,"
                        + " updated_at = ?" + HELD))) {
            update.setString(1, outcome.wire());
            update.setString(2, reason);
            SqlValues.setNullableInt(update, 3, httpStatus);
            update.setString(4, datasetId);
            update.setLong(5, SqlValues.millis(now));
            return updateHeld(update, 6, lease);
        }
    }

    private static Optional<CrawlJob> failed(
            Connection connection, CrawlJob job, Lease lease, PageResult.Failed result, Instant now)
            throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement(StateSql.resolve("UPDATE frontier SET state = {state:failed},"
                        + " outcome = ?, reason = ?, http_status = ?, worker_id = NULL, lease_expires_at = NULL,"
                        + " updated_at = ?" + HELD))) {
            update.setString(1, result.outcome().wire());
            update.setString(2, result.reason());
            SqlValues.setNullableInt(update, 3, result.httpStatus());
            update.setLong(4, SqlValues.millis(now));
            return updateHeld(update, 5, lease) ? Optional.of(JobProgress.apply(job, result)) : Optional.empty();
        }
    }

    private static Optional<CrawlJob> retried(
            Connection connection, CrawlJob job, Lease lease, PageResult.Retry result, Instant now)
            throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement(StateSql.resolve("UPDATE frontier SET state = {state:pending},"
                        + " reason = ?, http_status = ?, not_before = ?, worker_id = NULL, lease_expires_at = NULL,"
                        + " updated_at = ?" + HELD))) {
            update.setString(1, result.reason());
            SqlValues.setNullableInt(update, 2, result.httpStatus());
            update.setLong(3, SqlValues.millis(result.notBefore()));
            update.setLong(4, SqlValues.millis(now));
            return updateHeld(update, 5, lease) ? Optional.of(JobProgress.apply(job, result)) : Optional.empty();
        }
    }

    @Override
    public boolean renew(Lease lease, Instant until) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement(StateSql.resolve("UPDATE frontier SET lease_expires_at = ?"
                            + HELD + " AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = frontier.job_id"
                            + " AND j.status IN ({live}))"))) {
                update.setLong(1, SqlValues.millis(until));
                return updateHeld(update, 2, lease);
            }
        });
    }

    @Override
    public void pace(String server, Duration gap, @Nullable Instant notBefore) {
        database.inTransaction(connection -> {
            ServerPacing.pace(connection, server, gap, notBefore);
            return server;
        });
    }

    @Override
    public List<SeedingLease> claimSeeding(String workerId, int max, Instant now, Duration leaseFor) {
        return database.inTransaction(connection -> seeding.claim(connection, workerId, max, now, leaseFor));
    }

    @Override
    public boolean seeded(SeedingLease lease, List<FoundUrl> urls, @Nullable String error, Instant now) {
        return seeded(lease, urls, List.of(), error, now).held();
    }

    @Override
    public Seeded seeded(
            SeedingLease lease,
            List<FoundUrl> urls,
            List<UnchangedSeed> unchanged,
            @Nullable String error,
            Instant now) {
        return database.inTransaction(connection -> seeding.seeded(connection, lease, urls, unchanged, error, now));
    }

    /** Binds the {@link #HELD} condition from {@code index} on and runs the update; true when it matched the row. */
    private static boolean updateHeld(PreparedStatement update, int index, Lease lease) throws SQLException {
        update.setString(index, lease.jobId());
        update.setString(index + 1, lease.urlKey());
        update.setString(index + 2, lease.workerId());
        update.setInt(index + 3, lease.attempt());
        return update.executeUpdate() == 1;
    }
}
