package dev.gleaner.store;

import dev.gleaner.jobs.WebhookTarget;
import dev.gleaner.webhooks.Delivery;
import dev.gleaner.webhooks.DeliveryAttempt;
import dev.gleaner.webhooks.DeliveryStatus;
import dev.gleaner.webhooks.EventLog;
import dev.gleaner.webhooks.EventLogPage;
import dev.gleaner.webhooks.WebhookOutbox;
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
import org.jspecify.annotations.Nullable;

/**
 * The {@link WebhookOutbox} in SQL, over the rows {@link OutboxWrites} adds. A claim reads the due, unclaimed head
 * events (no earlier pending event of the same job), then takes each with an update that repeats the condition: on
 * PostgreSQL a concurrent claimer's update waits for the first one's and then matches nothing, on SQLite the IMMEDIATE
 * transaction serializes them, so an event is never with two dispatchers at once. Recording is conditional on the
 * claim (same worker, same attempt count, still pending), and the attempt row is only written when it matched. The
 * delivery log pages through a job's events by {@code seq}, with the cursor format of the pages listing.
 */
public final class SqlWebhookOutbox implements WebhookOutbox {
    private static final String CLAIMABLE =
            """
            SELECT e.id, e.job_id, e.event, e.body, e.attempts, j.spec, pr.owner_id
            FROM webhook_events e JOIN jobs j ON j.id = e.job_id JOIN projects pr ON pr.id = j.project_id
            WHERE e.status = 'pending' AND e.next_attempt_at <= ?
              AND (e.lease_expires_at IS NULL OR e.lease_expires_at < ?)
              AND NOT EXISTS (SELECT 1 FROM webhook_events p
                              WHERE p.job_id = e.job_id AND p.status = 'pending' AND p.seq < e.seq)
            ORDER BY e.next_attempt_at, e.created_at
            LIMIT ?""";

    private static final String TAKE =
            """
            UPDATE webhook_events SET worker_id = ?, lease_expires_at = ?
            WHERE id = ? AND status = 'pending' AND attempts = ? AND next_attempt_at <= ?
              AND (lease_expires_at IS NULL OR lease_expires_at < ?)""";

    private static final String RECORD =
            """
            UPDATE webhook_events SET status = ?, attempts = attempts + 1, next_attempt_at = ?, worker_id = NULL,
                                      lease_expires_at = NULL
            WHERE id = ? AND status = 'pending' AND worker_id = ? AND attempts = ?""";

    private final Database database;
    private final JsonColumns json;

    public SqlWebhookOutbox(Database database) {
        this.database = database;
        this.json = database.json();
    }

    @Override
    public List<Delivery> claim(String workerId, int max, Instant now, Duration leaseFor) {
        if (max < 1) {
            return List.of();
        }
        long nowMillis = SqlValues.millis(now);
        long expires = nowMillis + leaseFor.toMillis();
        // Looking first without a transaction keeps an idle poll from taking SQLite's write lock.
        if (database.read(connection -> candidates(connection, workerId, max, nowMillis))
                .isEmpty()) {
            return List.of();
        }
        return database.inTransaction(connection -> {
            List<Delivery> claimed = new ArrayList<>();
            for (Delivery candidate : candidates(connection, workerId, max, nowMillis)) {
                try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                    take.setString(1, workerId);
                    take.setLong(2, expires);
                    take.setString(3, candidate.id());
                    take.setInt(4, candidate.attemptsBefore());
                    take.setLong(5, nowMillis);
                    take.setLong(6, nowMillis);
                    if (take.executeUpdate() == 1) {
                        claimed.add(candidate);
                    }
                }
            }
            return claimed;
        });
    }

    private List<Delivery> candidates(Connection connection, String workerId, int max, long nowMillis)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CLAIMABLE)) {
            select.setLong(1, nowMillis);
            select.setLong(2, nowMillis);
            select.setInt(3, max);
            List<Delivery> candidates = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    WebhookTarget target = json.spec(rows.getString("spec")).webhook();
                    if (target == null) {
                        throw new StoreException("Job " + rows.getString("job_id") + " has events but no webhook");
                    }
                    candidates.add(new Delivery(
                            rows.getString("id"),
                            rows.getString("job_id"),
                            rows.getString("owner_id"),
                            rows.getString("event"),
                            rows.getString("body"),
                            target,
                            rows.getInt("attempts"),
                            workerId));
                }
            }
            return candidates;
        }
    }

    @Override
    public boolean record(
            Delivery delivery, DeliveryAttempt attempt, DeliveryStatus status, @Nullable Instant nextAttemptAt) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(RECORD)) {
                update.setString(1, status.wire());
                update.setLong(
                        2, nextAttemptAt == null ? SqlValues.millis(attempt.at()) : SqlValues.millis(nextAttemptAt));
                update.setString(3, delivery.id());
                update.setString(4, delivery.workerId());
                update.setInt(5, delivery.attemptsBefore());
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO webhook_attempts (event_id,"
                            + " attempt, at, http_status, error, duration_ms, response_snippet) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, delivery.id());
                insert.setInt(2, delivery.attempt());
                insert.setLong(3, SqlValues.millis(attempt.at()));
                SqlValues.setNullableInt(insert, 4, attempt.httpStatus());
                SqlValues.setNullableString(insert, 5, attempt.error());
                insert.setLong(6, attempt.durationMs());
                SqlValues.setNullableString(insert, 7, attempt.responseSnippet());
                insert.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<EventLogPage> log(String knowledgebaseId, String jobId, int limit, @Nullable String cursor) {
        long after = JobPages.after(cursor);
        return database.read(connection -> {
            if (!jobExists(connection, knowledgebaseId, jobId)) {
                return Optional.empty();
            }
            List<EventRow> rows = events(connection, jobId, after, limit + 1);
            boolean more = rows.size() > limit;
            List<EventRow> page = more ? rows.subList(0, limit) : rows;
            if (page.isEmpty()) {
                return Optional.of(new EventLogPage(List.of(), null));
            }
            Map<String, List<DeliveryAttempt>> attempts =
                    attempts(connection, jobId, after, page.get(page.size() - 1).seq());
            List<EventLog> events = new ArrayList<>(page.size());
            for (EventRow row : page) {
                events.add(new EventLog(
                        row.id(),
                        row.event(),
                        row.status(),
                        attempts.getOrDefault(row.id(), List.of()),
                        row.status() == DeliveryStatus.PENDING ? row.nextAttemptAt() : null,
                        row.createdAt()));
            }
            String next = more ? JobPages.cursor(page.get(page.size() - 1).seq()) : null;
            return Optional.of(new EventLogPage(events, next));
        });
    }

    private record EventRow(
            String id, long seq, String event, DeliveryStatus status, Instant nextAttemptAt, Instant createdAt) {}

    private static boolean jobExists(Connection connection, String knowledgebaseId, String jobId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT 1 FROM jobs WHERE id = ? AND knowledgebase_id = ?")) {
            select.setString(1, jobId);
            select.setString(2, knowledgebaseId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static List<EventRow> events(Connection connection, String jobId, long after, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, seq, event, status, next_attempt_at,"
                + " created_at FROM webhook_events WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            select.setString(1, jobId);
            select.setLong(2, after);
            select.setInt(3, limit);
            List<EventRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new EventRow(
                            row.getString("id"),
                            row.getLong("seq"),
                            row.getString("event"),
                            DeliveryStatus.fromWire(row.getString("status")),
                            SqlValues.instant(row, "next_attempt_at"),
                            SqlValues.instant(row, "created_at")));
                }
            }
            return rows;
        }
    }

    /** The attempts of the job's events with seq in ({@code after}, {@code last}], by event id, oldest first. */
    private static Map<String, List<DeliveryAttempt>> attempts(
            Connection connection, String jobId, long after, long last) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT a.event_id, a.at, a.http_status, a.error,"
                + " a.duration_ms, a.response_snippet FROM webhook_attempts a JOIN webhook_events e ON e.id = a.event_id"
                + " WHERE e.job_id = ? AND e.seq > ? AND e.seq <= ? ORDER BY a.event_id, a.attempt")) {
            select.setString(1, jobId);
            select.setLong(2, after);
            select.setLong(3, last);
            Map<String, List<DeliveryAttempt>> byEvent = new HashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    byEvent.computeIfAbsent(row.getString("event_id"), id -> new ArrayList<>())
                            .add(new DeliveryAttempt(
                                    SqlValues.instant(row, "at"),
                                    SqlValues.nullableInt(row, "http_status"),
                                    row.getString("error"),
                                    row.getLong("duration_ms"),
                                    row.getString("response_snippet")));
                }
            }
            return byEvent;
        }
    }
}
