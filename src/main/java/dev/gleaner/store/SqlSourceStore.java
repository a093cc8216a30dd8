package dev.gleaner.store;

import dev.gleaner.sources.Schedule;
import dev.gleaner.sources.Source;
import dev.gleaner.sources.SourceStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SourceStore} in SQL (table {@code sources}). The spec is kept as JSON with its headers sealed like a
 * job's ({@link SealedHeaders}); the newest job of a source is read from {@code jobs.source_id}. A hold is a
 * conditional {@code UPDATE} of the row: under PostgreSQL's READ COMMITTED a second concurrent update waits for the
 * first and re-checks its condition against the committed row, and SQLite runs one writer at a time, so in both exactly
 * one of several holders trying at once updates the row.
 */
public final class SqlSourceStore implements SourceStore {
    private static final String COLUMNS = "s.id, s.owner_id, s.project_id, s.knowledgebase_id, s.name, s.spec, s.urls,"
            + " s.schedule_kind, s.schedule_value, s.next_run_at, s.last_skipped_at, s.last_skip_reason,"
            + " s.created_at, s.updated_at,"
            + " (SELECT j.id FROM jobs j WHERE j.source_id = s.id ORDER BY j.started_at DESC, j.id DESC LIMIT 1)"
            + " AS last_job_id";
    private static final String FREE = "(lease_until IS NULL OR lease_until <= ?)";

    private final Database database;
    private final JsonColumns json;

    public SqlSourceStore(Database database) {
        this.database = database;
        this.json = database.json();
    }

    @Override
    public void insert(Source source) {
        String spec = json.spec(source.spec());
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sources (id, owner_id,"
                    + " project_id, knowledgebase_id, name, spec, urls, schedule_kind, schedule_value, next_run_at,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, source.id());
                insert.setString(2, source.ownerId());
                insert.setString(3, source.projectId());
                insert.setString(4, source.knowledgebaseId());
                SqlValues.setNullableString(insert, 5, source.name());
                insert.setString(6, spec);
                insert.setString(7, json.strings(source.urls()));
                insert.setString(8, kind(source.schedule()));
                SqlValues.setNullableString(insert, 9, value(source.schedule()));
                SqlValues.setNullableMillis(insert, 10, source.nextRunAt());
                insert.setLong(11, SqlValues.millis(source.createdAt()));
                insert.setLong(12, SqlValues.millis(source.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<Source> list(String knowledgebaseId) {
        return database.read(connection -> select(
                connection,
                "WHERE s.knowledgebase_id = ? ORDER BY s.created_at, s.id",
                statement -> statement.setString(1, knowledgebaseId)));
    }

    @Override
    public Optional<Source> find(String knowledgebaseId, String sourceId) {
        return database
                .read(connection -> select(connection, "WHERE s.knowledgebase_id = ? AND s.id = ?", statement -> {
                    statement.setString(1, knowledgebaseId);
                    statement.setString(2, sourceId);
                }))
                .stream()
                .findFirst();
    }

    @Override
    public int count(String knowledgebaseId) {
        return database.read(connection -> {
            try (PreparedStatement count =
                    connection.prepareStatement("SELECT COUNT(*) FROM sources WHERE knowledgebase_id = ?")) {
                count.setString(1, knowledgebaseId);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public boolean update(Source source) {
        String spec = json.spec(source.spec());
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sources SET name = ?, spec = ?,"
                    + " urls = ?, schedule_kind = ?, schedule_value = ?, next_run_at = ?, updated_at = ?"
                    + " WHERE id = ? AND knowledgebase_id = ?")) {
                SqlValues.setNullableString(update, 1, source.name());
                update.setString(2, spec);
                update.setString(3, json.strings(source.urls()));
                update.setString(4, kind(source.schedule()));
                SqlValues.setNullableString(update, 5, value(source.schedule()));
                SqlValues.setNullableMillis(update, 6, source.nextRunAt());
                update.setLong(7, SqlValues.millis(source.updatedAt()));
                update.setString(8, source.id());
                update.setString(9, source.knowledgebaseId());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(String knowledgebaseId, String sourceId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM sources WHERE id = ? AND knowledgebase_id = ?")) {
                delete.setString(1, sourceId);
                delete.setString(2, knowledgebaseId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Source> due(Instant now, int max) {
        long at = SqlValues.millis(now);
        return database.read(connection -> select(
                connection,
                "WHERE s.next_run_at <= ? AND (s.lease_until IS NULL OR s.lease_until <= ?)"
                        + " ORDER BY s.next_run_at, s.id LIMIT ?",
                statement -> {
                    statement.setLong(1, at);
                    statement.setLong(2, at);
                    statement.setInt(3, max);
                }));
    }

    @Override
    public boolean hold(String sourceId, String holder, Instant now, Instant until, @Nullable Instant due) {
        return database.inTransaction(connection -> {
            try (PreparedStatement hold =
                    connection.prepareStatement("UPDATE sources SET lease_holder = ?, lease_until = ? WHERE id = ? AND "
                            + FREE + (due == null ? "" : " AND next_run_at = ?"))) {
                hold.setString(1, holder);
                hold.setLong(2, SqlValues.millis(until));
                hold.setString(3, sourceId);
                hold.setLong(4, SqlValues.millis(now));
                if (due != null) {
                    hold.setLong(5, SqlValues.millis(due));
                }
                return hold.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean release(
            String sourceId,
            String holder,
            @Nullable Instant due,
            @Nullable Instant next,
            @Nullable Instant skippedAt,
            @Nullable String skipReason) {
        return database.inTransaction(connection -> {
            // The due time moves on only when it is still the one that ran: a schedule changed meanwhile keeps its own.
            try (PreparedStatement release = connection.prepareStatement("UPDATE sources SET lease_holder = NULL,"
                    + " lease_until = NULL,"
                    + " next_run_at = CASE WHEN ? = 1 AND next_run_at = ? THEN ? ELSE next_run_at END,"
                    + " last_skipped_at = CASE WHEN ? = 1 THEN ? ELSE last_skipped_at END,"
                    + " last_skip_reason = CASE WHEN ? = 1 THEN ? ELSE last_skip_reason END"
                    + " WHERE id = ? AND lease_holder = ?")) {
                release.setInt(1, SqlValues.flag(due != null));
                release.setLong(2, due == null ? 0 : SqlValues.millis(due));
                SqlValues.setNullableMillis(release, 3, next);
                release.setInt(4, SqlValues.flag(skippedAt != null));
                SqlValues.setNullableMillis(release, 5, skippedAt);
                release.setInt(6, SqlValues.flag(skippedAt != null));
                SqlValues.setNullableString(release, 7, skipReason);
                release.setString(8, sourceId);
                release.setString(9, holder);
                return release.executeUpdate() == 1;
            }
        });
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private List<Source> select(Connection connection, String where, Parameters parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM sources s " + where)) {
            parameters.set(select);
            try (ResultSet rows = select.executeQuery()) {
                List<Source> sources = new ArrayList<>();
                while (rows.next()) {
                    sources.add(source(rows));
                }
                return sources;
            }
        }
    }

    private Source source(ResultSet row) throws SQLException {
        return new Source(
                row.getString("id"),
                row.getString("owner_id"),
                row.getString("project_id"),
                row.getString("knowledgebase_id"),
                row.getString("name"),
                json.spec(row.getString("spec")),
                json.strings(row.getString("urls")),
                schedule(row.getString("schedule_kind"), row.getString("schedule_value")),
                SqlValues.nullableInstant(row, "next_run_at"),
                row.getString("last_job_id"),
                SqlValues.nullableInstant(row, "last_skipped_at"),
                row.getString("last_skip_reason"),
                SqlValues.instant(row, "created_at"),
                SqlValues.instant(row, "updated_at"));
    }

    private static String kind(Schedule schedule) {
        return switch (schedule) {
            case Schedule.Every every -> "every";
            case Schedule.Cron cron -> "cron";
            case Schedule.Manual manual -> "manual";
        };
    }

    private static @Nullable String value(Schedule schedule) {
        return switch (schedule) {
            case Schedule.Every every -> every.iso();
            case Schedule.Cron cron -> cron.expression();
            case Schedule.Manual manual -> null;
        };
    }

    private static Schedule schedule(String kind, @Nullable String value) {
        if (value == null) {
            return new Schedule.Manual();
        }
        return switch (kind) {
            case "every" -> new Schedule.Every(Duration.parse(value));
            case "cron" -> new Schedule.Cron(value);
            default -> new Schedule.Manual();
        };
    }
}
