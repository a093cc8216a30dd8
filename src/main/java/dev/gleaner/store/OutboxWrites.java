package dev.gleaner.store;

import dev.gleaner.Ids;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobEvents;
import dev.gleaner.jobs.PageReport;
import dev.gleaner.webhooks.WebhookPayloads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Writes webhook events to the outbox ({@code webhook_events}) inside the transaction that makes the change they
 * report, so an event exists exactly when its change was committed, and survives a crash like the change does. Which
 * events a change emits is {@link JobEvents}' choice; only jobs with a webhook that wants the event get a row. The caller holds the job's row lock (or has just inserted the
 * job), which makes a job's {@code seq} numbers follow the order its changes were committed in.
 */
final class OutboxWrites {
    private OutboxWrites() {}

    /** Writes each of {@code events} that its job's webhook wants, in order ({@link JobEvents#delivered}). */
    static void write(Connection connection, List<JobEvents.Emitted> events, Instant now) throws SQLException {
        for (JobEvents.Emitted emitted : events) {
            if (JobEvents.delivered(emitted)) {
                String id = Ids.next("evt");
                CrawlJob job = emitted.job();
                PageReport page = emitted.page();
                String body = page != null
                        ? WebhookPayloads.pageEvent(id, job, page, now)
                        : WebhookPayloads.jobEvent(id, emitted.event(), job, now);
                insert(connection, id, job.id(), emitted.event().wire(), body, now);
            }
        }
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
