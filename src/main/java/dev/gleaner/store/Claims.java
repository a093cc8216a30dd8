package dev.gleaner.store;

import dev.gleaner.jobs.ClaimPolicy;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobEvents;
import dev.gleaner.jobs.JobProgress;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One claim, inside the caller's transaction. The steps:
 *
 * <ol>
 *   <li>Claims take turns: on PostgreSQL a transaction-scoped advisory lock, on SQLite the IMMEDIATE transaction.
 *       Taking turns is what makes the per-server cap and the pacing exact across processes (two claimers would
 *       otherwise both count the same free slot).
 *   <li>Read, without locking, the expired leases that have used up their attempts and the claimable rows: pending
 *       rows whose {@code not_before} has passed and expired leases with attempts left, of queued or running jobs,
 *       on servers whose pacing allows a claim now ({@link ServerPacing}), at most {@code perServerLimit} minus the
 *       server's live leases per server, and only one per server when a gap applies to it, oldest admitted first.
 *   <li>Lock the rows of the jobs involved, in id order (every transaction that changes several jobs locks them in
 *       this order), and drop the rows of jobs that finished or vanished meanwhile.
 *   <li>Change each row with an update that repeats the condition it was selected on, keeping only rows whose update
 *       count is 1: a row someone else changed in between is simply not claimed.
 *   <li>Move the pacing of every server a row was claimed from on.
 * </ol>
 */
final class Claims {
    /** Expired leases turned into failures by one claim at most, to keep the transaction short. */
    static final int MAX_EXHAUSTED_PER_CLAIM = 1_000;
    /** The advisory lock key PostgreSQL claims take turns on (an arbitrary constant of this project). */
    static final long POSTGRES_LOCK_KEY = 0x676c65616e6572L + 1;

    private static final String CANDIDATES = StateSql.resolve(
            """
            WITH live AS (
                SELECT host, COUNT(*) AS leases FROM frontier
                WHERE state = {state:leased} AND lease_expires_at >= ?
                GROUP BY host
            ), ranked AS (
                SELECT f.job_id, f.url_key, f.url, f.host, f.depth, f.attempts, f.seq,
                       ROW_NUMBER() OVER (PARTITION BY f.host ORDER BY f.seq) AS host_rank
                FROM frontier f JOIN jobs j ON j.id = f.job_id
                WHERE j.status IN ({live})
                  AND ((f.state = {state:pending} AND f.not_before <= ?)
                    OR (f.state = {state:leased} AND f.lease_expires_at < ? AND f.attempts < ?))
                  AND NOT EXISTS (SELECT 1 FROM servers s
                                  WHERE s.server = f.host AND (s.next_claim_at > ? OR s.not_before > ?))
            )
            SELECT r.job_id, r.url_key, r.url, r.host, r.depth, r.attempts
            FROM ranked r LEFT JOIN live l ON l.host = r.host LEFT JOIN servers s ON s.server = r.host
            WHERE r.host_rank + COALESCE(l.leases, 0) <= ?
              AND (r.host_rank = 1 OR (? = 0 AND COALESCE(s.gap_ms, 0) = 0))
            ORDER BY r.seq
            LIMIT ?""");

    private static final String EXHAUSTED = StateSql.resolve(
            """
            SELECT f.job_id, f.url_key, f.url, f.host, f.depth, f.attempts
            FROM frontier f JOIN jobs j ON j.id = f.job_id
            WHERE j.status IN ({live})
              AND f.state = {state:leased} AND f.lease_expires_at < ? AND f.attempts >= ?
            ORDER BY f.seq
            LIMIT ?""");

    private static final String LEASE = StateSql.resolve(
            """
            UPDATE frontier SET state = {state:leased}, worker_id = ?, lease_expires_at = ?, attempts = attempts + 1,
                                updated_at = ?
            WHERE job_id = ? AND url_key = ?
              AND ((state = {state:pending} AND not_before <= ?)
                OR (state = {state:leased} AND lease_expires_at < ? AND attempts < ?))""");

    private static final String FAIL_EXHAUSTED = StateSql.resolve(
            """
            UPDATE frontier SET state = {state:failed}, outcome = {outcome:failed}, reason = ?, worker_id = NULL,
                                lease_expires_at = NULL, updated_at = ?
            WHERE job_id = ? AND url_key = ? AND state = {state:leased} AND lease_expires_at < ? AND attempts >= ?""");

    private final Dialect dialect;
    private final JobRows jobRows;

    Claims(Dialect dialect, JobRows jobRows) {
        this.dialect = dialect;
        this.jobRows = jobRows;
    }

    /** A frontier row as a claim reads it. */
    private record Row(String jobId, String urlKey, String url, String host, int depth, int attempts) {}

    /** What a lease carries of its knowledgebase. */
    private record Settings(int chunkSize, int chunkOverlap, String embeddingModelName) {}

    List<Lease> claim(Connection connection, String workerId, int max, Instant now, ClaimPolicy policy)
            throws SQLException {
        takeTurn(connection);
        long nowMillis = SqlValues.millis(now);
        long expiresMillis = nowMillis + policy.leaseFor().toMillis();
        int maxAttempts = policy.maxAttempts();
        List<Row> exhausted = select(connection, EXHAUSTED, nowMillis, maxAttempts, MAX_EXHAUSTED_PER_CLAIM);
        List<Row> candidates = select(
                connection,
                CANDIDATES,
                nowMillis,
                nowMillis,
                nowMillis,
                maxAttempts,
                nowMillis,
                nowMillis,
                policy.perServerLimit(),
                Math.max(0, policy.defaultGap().toMillis()),
                Math.max(0, max));
        SortedMap<String, CrawlJob> jobs = lockLiveJobs(connection, exhausted, candidates);
        Map<String, CrawlJob> before = Map.copyOf(jobs);
        Set<String> withFailures = failAll(connection, exhausted, jobs, nowMillis, maxAttempts);
        List<Row> claimed = new ArrayList<>();
        for (Row row : candidates) {
            CrawlJob job = jobs.get(row.jobId());
            if (job != null && lease(connection, row, workerId, expiresMillis, nowMillis, maxAttempts)) {
                claimed.add(row);
                jobs.put(row.jobId(), JobProgress.running(job));
            }
        }
        ServerPacing.claimed(connection, claimed.stream().map(Row::host).toList(), now, policy.defaultGap());
        List<IndexLog.Entry> feed = new ArrayList<>();
        for (Map.Entry<String, CrawlJob> entry : jobs.entrySet()) {
            CrawlJob job = entry.getValue();
            if (withFailures.contains(entry.getKey())) {
                job = jobRows.finishIfDrained(connection, job, now, feed);
            }
            CrawlJob locked = before.get(entry.getKey());
            entry.setValue(locked == null ? job : jobRows.save(connection, locked, job, now));
        }
        IndexLog.append(connection, dialect, feed);
        return leases(connection, claimed, jobs, workerId, Instant.ofEpochMilli(expiresMillis));
    }

    /** Fails the exhausted leases of live jobs, counting them in {@code jobs}; returns the ids of jobs that had any. */
    private static Set<String> failAll(
            Connection connection, List<Row> exhausted, Map<String, CrawlJob> jobs, long nowMillis, int maxAttempts)
            throws SQLException {
        Set<String> withFailures = new HashSet<>();
        for (Row row : exhausted) {
            CrawlJob job = jobs.get(row.jobId());
            if (job != null && failExhausted(connection, row, nowMillis, maxAttempts)) {
                CrawlJob counted = JobProgress.counted(job, PageOutcome.FAILED);
                jobs.put(row.jobId(), counted);
                withFailures.add(row.jobId());
                OutboxWrites.write(
                        connection,
                        List.of(JobEvents.pageFailed(counted, row.url(), stoppedReason(row))),
                        Instant.ofEpochMilli(nowMillis));
            }
        }
        return withFailures;
    }

    private void takeTurn(Connection connection) throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, POSTGRES_LOCK_KEY);
                lock.execute();
            }
        }
    }

    private static List<Row> select(Connection connection, String sql, long... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setLong(i + 1, parameters[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(
                            row.getString("job_id"),
                            row.getString("url_key"),
                            row.getString("url"),
                            row.getString("host"),
                            row.getInt("depth"),
                            row.getInt("attempts")));
                }
            }
            return rows;
        }
    }

    /** Locks the jobs of these rows in id order; the result holds those that exist and are not finished. */
    private SortedMap<String, CrawlJob> lockLiveJobs(Connection connection, List<Row> first, List<Row> second)
            throws SQLException {
        Set<String> ids = new TreeSet<>();
        first.forEach(row -> ids.add(row.jobId()));
        second.forEach(row -> ids.add(row.jobId()));
        SortedMap<String, CrawlJob> jobs = new TreeMap<>();
        for (String id : ids) {
            jobRows.lock(connection, id).filter(job -> !job.status().finished()).ifPresent(job -> jobs.put(id, job));
        }
        return jobs;
    }

    private static String stoppedReason(Row row) {
        return ClaimPolicy.stoppedReason(row.attempts());
    }

    private static boolean failExhausted(Connection connection, Row row, long nowMillis, int maxAttempts)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(FAIL_EXHAUSTED)) {
            update.setString(1, stoppedReason(row));
            update.setLong(2, nowMillis);
            update.setString(3, row.jobId());
            update.setString(4, row.urlKey());
            update.setLong(5, nowMillis);
            update.setInt(6, maxAttempts);
            return update.executeUpdate() == 1;
        }
    }

    private static boolean lease(
            Connection connection, Row row, String workerId, long expiresMillis, long nowMillis, int maxAttempts)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(LEASE)) {
            update.setString(1, workerId);
            update.setLong(2, expiresMillis);
            update.setLong(3, nowMillis);
            update.setString(4, row.jobId());
            update.setString(5, row.urlKey());
            update.setLong(6, nowMillis);
            update.setLong(7, nowMillis);
            update.setInt(8, maxAttempts);
            return update.executeUpdate() == 1;
        }
    }

    private static List<Lease> leases(
            Connection connection, List<Row> claimed, Map<String, CrawlJob> jobs, String workerId, Instant expiresAt)
            throws SQLException {
        Map<String, Settings> settings = new HashMap<>();
        List<Lease> leases = new ArrayList<>(claimed.size());
        for (Row row : claimed) {
            CrawlJob job = jobs.get(row.jobId());
            if (job == null) {
                throw new StoreException("A claimed URL's job is not locked: " + row.jobId());
            }
            Settings kb = settings.get(job.knowledgebaseId());
            if (kb == null) {
                kb = settings(connection, job.knowledgebaseId());
                settings.put(job.knowledgebaseId(), kb);
            }
            leases.add(new Lease(
                    job.id(),
                    job.projectId(),
                    job.knowledgebaseId(),
                    row.urlKey(),
                    row.url(),
                    row.depth(),
                    row.attempts() + 1,
                    workerId,
                    expiresAt,
                    job.spec(),
                    kb.chunkSize(),
                    kb.chunkOverlap(),
                    kb.embeddingModelName()));
        }
        return leases;
    }

    private static Settings settings(Connection connection, String knowledgebaseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT chunk_size, chunk_overlap, embedding_model_name FROM knowledgebases WHERE id = ?")) {
            select.setString(1, knowledgebaseId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException("Knowledgebase " + knowledgebaseId + " of a live job is missing");
                }
                return new Settings(row.getInt(1), row.getInt(2), row.getString(3));
            }
        }
    }
}
