package dev.gleaner.store;

import dev.gleaner.jobs.AdmissionPolicy;
import dev.gleaner.jobs.AdmissionPolicy.Decision;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.PageOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Records the URLs a job came across (seeds or links) in its frontier, once per key: a key the job already has changes
 * nothing, so every counter counts distinct URLs. What each new URL becomes is {@link AdmissionPolicy}'s decision;
 * this class looks up the keys the job has, inserts the rows and counts those inserted. The caller holds the job's row locked, so no other transaction adds to this job's
 * frontier meanwhile; the insert is still conditional ({@code ON CONFLICT DO NOTHING}) and only rows actually
 * inserted are counted.
 */
final class Admission {
    /** Keys looked up per query when checking which ones the job already has. */
    static final int KEY_LOOKUP_BATCH = 500;

    private static final String INSERT = "INSERT INTO frontier"
            + " (job_id, url_key, url, host, depth, state, outcome, attempts, not_before, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?) ON CONFLICT (job_id, url_key) DO NOTHING";

    private Admission() {}

    /** Admits or records {@code urls} for the locked {@code job}; returns the job with its counters updated. */
    static CrawlJob admit(Connection connection, CrawlJob job, List<FoundUrl> urls, Instant now) throws SQLException {
        Map<String, FoundUrl> unseen = AdmissionPolicy.byKey(urls);
        unseen.keySet().removeAll(knownKeys(connection, job.id(), unseen.keySet()));
        if (unseen.isEmpty()) {
            return job;
        }
        List<Decision> decisions = AdmissionPolicy.decide(job, unseen.values());
        int[] inserted = insert(connection, job.id(), decisions, now);
        CrawlJob counted = job;
        for (int i = 0; i < decisions.size(); i++) {
            if (inserted[i] == 1) {
                counted = AdmissionPolicy.count(counted, decisions.get(i));
            } else if (inserted[i] != 0) {
                throw new StoreException("Unexpected insert count " + inserted[i] + " while admitting URLs");
            }
        }
        return counted;
    }

    private static int[] insert(Connection connection, String jobId, List<Decision> decisions, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Decision decision : decisions) {
                FoundUrl url = decision.url();
                @Nullable PageOutcome outcome = decision.outcome();
                insert.setString(1, jobId);
                insert.setString(2, url.key());
                insert.setString(3, url.url());
                insert.setString(4, url.host());
                insert.setInt(5, url.depth());
                insert.setString(6, decision.state().wire());
                SqlValues.setNullableString(insert, 7, outcome == null ? null : outcome.wire());
                insert.setLong(8, SqlValues.millis(now));
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }

    private static Set<String> knownKeys(Connection connection, String jobId, Set<String> keys) throws SQLException {
        Set<String> known = new HashSet<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += KEY_LOOKUP_BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + KEY_LOOKUP_BATCH));
            try (PreparedStatement select = connection.prepareStatement("SELECT url_key FROM frontier WHERE job_id = ?"
                    + " AND url_key IN (" + SqlValues.placeholders(batch.size()) + ")")) {
                select.setString(1, jobId);
                for (int i = 0; i < batch.size(); i++) {
                    select.setString(i + 2, batch.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        known.add(rows.getString(1));
                    }
                }
            }
        }
        return known;
    }
}
