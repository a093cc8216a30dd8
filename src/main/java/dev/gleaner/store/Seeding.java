package dev.gleaner.store;

import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.JobCompletion;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.JobProgress;
import dev.gleaner.jobs.Seeded;
import dev.gleaner.jobs.SeedingLease;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.UnchangedSeed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A job's seeding task, kept in its row: {@code seeding} is {@code none} (the job needs none), {@code pending},
 * {@code leased} (to {@code seeding_worker} until {@code seeding_expires_at}) or {@code done}; {@code seeding_attempts}
 * counts its claims and tells an old lease from a new one. A job does not finish while its seeding is pending or
 * leased ({@link JobRows#finishIfDrained}). Claims lock the jobs in id order, as every multi-job transaction does, and
 * lease each with an update that repeats the condition it was selected on.
 */
final class Seeding {
    private static final String CLAIMABLE =
            "status IN ('queued', 'running') AND (seeding = 'pending' OR (seeding = 'leased' AND seeding_expires_at < ?))";

    private final JobRows jobRows;
    private final Dialect dialect;

    Seeding(JobRows jobRows, Dialect dialect) {
        this.jobRows = jobRows;
        this.dialect = dialect;
    }

    /** The seeding state a new job starts in: pending when its spec asks for sitemaps. */
    static String initialState(CrawlSpec spec) {
        boolean sitemaps = spec.mode() == JobMode.SITEMAP
                || (spec.mode() == JobMode.CRAWL && spec.sitemap() != SitemapPolicy.SKIP);
        return sitemaps ? "pending" : "none";
    }

    /** Whether the job's seeding is still to be done (pending, or leased). */
    static boolean isOpen(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT 1 FROM jobs WHERE id = ? AND seeding IN ('pending', 'leased')")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Ends a seeding task that is still open, without admitting anything (the job is being cancelled). */
    static void end(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE jobs SET seeding = 'done',"
                        + " seeding_worker = NULL, seeding_expires_at = NULL WHERE id = ? AND seeding IN ('pending', 'leased')")) {
            update.setString(1, jobId);
            update.executeUpdate();
        }
    }

    /** Claims up to {@code max} seeding tasks, oldest job first; a claimed job that was queued becomes running. */
    List<SeedingLease> claim(Connection connection, String workerId, int max, Instant now, Duration leaseFor)
            throws SQLException {
        long nowMillis = SqlValues.millis(now);
        Instant expiresAt = Instant.ofEpochMilli(nowMillis + leaseFor.toMillis());
        List<String> candidates = candidates(connection, nowMillis, max);
        SortedMap<String, CrawlJob> locked = new TreeMap<>();
        for (String id : new TreeSet<>(candidates)) {
            jobRows.lock(connection, id).filter(job -> !job.status().finished()).ifPresent(job -> locked.put(id, job));
        }
        Map<String, SeedingLease> leases = new HashMap<>();
        for (CrawlJob job : locked.values()) {
            Optional<Integer> attempt = lease(connection, job.id(), workerId, nowMillis, expiresAt);
            if (attempt.isPresent()) {
                jobRows.save(connection, job, JobProgress.running(job), now);
                leases.put(
                        job.id(),
                        new SeedingLease(
                                job.id(), job.knowledgebaseId(), job.spec(), attempt.get(), workerId, expiresAt));
            }
        }
        return candidates.stream().filter(leases::containsKey).map(leases::get).toList();
    }

    /**
     * Ends a held seeding lease: admits {@code urls} (ending those of {@code unchanged} at once,
     * {@link UnchangedSeeds}), marks the seeding done and finishes the job if nothing is left; a job that admitted
     * nothing at all fails ({@link JobCompletion#afterSeeding}). {@link Seeded#LOST}, with nothing written, when the
     * lease is no longer held or the job is gone or finished.
     */
    Seeded seeded(
            Connection connection,
            SeedingLease lease,
            List<FoundUrl> urls,
            List<UnchangedSeed> unchanged,
            @Nullable String error,
            Instant now)
            throws SQLException {
        Optional<CrawlJob> locked = jobRows.lock(connection, lease.jobId());
        if (locked.isEmpty() || locked.get().status().finished() || !release(connection, lease)) {
            return Seeded.LOST;
        }
        CrawlJob before = locked.get();
        CrawlJob listed = Admission.admit(connection, before, urls, now);
        CrawlJob admitted = UnchangedSeeds.confirm(connection, listed, unchanged, now);
        if (error != null) {
            recordProblem(connection, lease.jobId(), error);
        }
        List<IndexLog.Entry> feed = new ArrayList<>();
        CrawlJob after = jobRows.finishIfDrained(connection, JobCompletion.afterSeeding(admitted, error), now, feed);
        jobRows.save(connection, before, after, now);
        IndexLog.append(connection, dialect, feed);
        return new Seeded(
                true,
                Math.toIntExact(
                        admitted.changes().unchanged() - listed.changes().unchanged()));
    }

    /** Keeps what went wrong reading the sitemaps: a sync whose list of URLs may be partial removes nothing. */
    private static void recordProblem(Connection connection, String jobId, String problem) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE jobs SET seeding_problem = ? WHERE id = ?")) {
            update.setString(1, problem);
            update.setString(2, jobId);
            update.executeUpdate();
        }
    }

    private static List<String> candidates(Connection connection, long nowMillis, int max) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM jobs WHERE " + CLAIMABLE + " ORDER BY started_at, id LIMIT ?")) {
            select.setLong(1, nowMillis);
            select.setInt(2, Math.max(0, max));
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** Leases the job's seeding if it is still claimable; returns the attempt this claim is. */
    private static Optional<Integer> lease(
            Connection connection, String jobId, String workerId, long nowMillis, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET seeding = 'leased',"
                + " seeding_worker = ?, seeding_expires_at = ?, seeding_attempts = seeding_attempts + 1"
                + " WHERE id = ? AND " + CLAIMABLE)) {
            update.setString(1, workerId);
            update.setLong(2, SqlValues.millis(expiresAt));
            update.setString(3, jobId);
            update.setLong(4, nowMillis);
            if (update.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT seeding_attempts FROM jobs WHERE id = ?")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return Optional.of(row.getInt(1));
            }
        }
    }

    /** Marks the seeding done if {@code lease} still holds it; true when it did. */
    private static boolean release(Connection connection, SeedingLease lease) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE jobs SET seeding = 'done',"
                + " seeding_worker = NULL, seeding_expires_at = NULL"
                + " WHERE id = ? AND seeding = 'leased' AND seeding_worker = ? AND seeding_attempts = ?")) {
            update.setString(1, lease.jobId());
            update.setString(2, lease.workerId());
            update.setInt(3, lease.attempt());
            return update.executeUpdate() == 1;
        }
    }
}
