package dev.gleaner.store;

import dev.gleaner.Ids;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.WebhookTarget;
import dev.gleaner.webhooks.WebhookPayloads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes webhook events to the outbox ({@code webhook_events}) inside the transaction that makes the change they
 * report, so an event exists exactly when its change was committed, and survives a crash like the change does. Only
 * jobs with a webhook that wants the event get a row. The caller holds the job's row lock (or has just inserted the
 * job), which makes a job's {@code seq} numbers follow the order its changes were committed in.
 */
final class OutboxWrites {
    private OutboxWrites() {}

    /** Writes what a change of a job from {@code before} to {@code after} reports: a restart, or its end. */
    static void jobChanged(Connection connection, CrawlJob before, CrawlJob after, Instant now) throws SQLException {
        if (before.status().finished() && !after.status().finished()) {
            jobEvent(connection, WebhookTarget.STARTED, after, now);
        } else if (!before.status().finished() && after.status().finished()) {
            jobEvent(connection, WebhookTarget.terminalEvent(after.status()), after, now);
        }
    }

    /**
     * Writes what a job just created reports: that it started (as {@code admitted}, its seeds counted), and, when no
     * seed could be admitted, that it failed (then {@code crawl.started} shows it as {@code fresh}, not yet failed).
     */
    static void jobCreated(Connection connection, CrawlJob fresh, CrawlJob admitted, Instant now) throws SQLException {
        if (!admitted.status().finished()) {
            jobEvent(connection, WebhookTarget.STARTED, admitted, now);
            return;
        }
        jobEvent(connection, WebhookTarget.STARTED, fresh, now);
        jobEvent(connection, WebhookTarget.terminalEvent(admitted.status()), admitted, now);
    }

    /** Writes a {@code crawl.page} event; {@code job} holds the counters after the page. */
    static void pageFinished(Connection connection, CrawlJob job, WebhookPayloads.PageEvent page, Instant now)
            throws SQLException {
        WebhookTarget target = job.spec().webhook();
        if (target == null || !target.wants(WebhookTarget.PAGE)) {
            return;
        }
        String id = Ids.next("evt");
        insert(connection, id, job.id(), WebhookTarget.PAGE, WebhookPayloads.pageEvent(id, job, page, now), now);
    }

    private static void jobEvent(Connection connection, String event, CrawlJob job, Instant now) throws SQLException {
        WebhookTarget target = job.spec().webhook();
        if (target == null || !target.wants(event)) {
            return;
        }
        String id = Ids.next("evt");
        insert(connection, id, job.id(), event, WebhookPayloads.jobEvent(id, event, job, now), now);
    }

    private static void insert(Connection connection, String id, String jobId, String event, String body, Instant now)
            throws SQLException {
        long at = SqlValues.millis(now);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_events (id, job_id, seq,"
                + " event, body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0,"
                + " ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, jobId);
            insert.setLong(3, nextSeq(connection, jobId));
            insert.setString(4, event);
            insert.setString(5, body);
            insert.setLong(6, at);
            insert.setLong(7, at);
            insert.executeUpdate();
        }
    }

    private static long nextSeq(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM webhook_events WHERE job_id = ?")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
