package dev.gleaner.store;

import dev.gleaner.index.ChangeFeed;
import dev.gleaner.index.IndexChange;
import dev.gleaner.ingest.EmbeddedChunk;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The {@link ChangeFeed} in SQL: {@code index_changes} and {@code index_log} (written by {@link IndexLog} in the
 * transactions that change chunks) and {@code index_followers}. Commit times are the database's clock.
 */
public final class SqlChangeFeed implements ChangeFeed {
    private final Database database;
    private final DatasetRows rows;
    private final SqlDatasetStore chunkSource;

    public SqlChangeFeed(Database database) {
        this.database = database;
        this.rows = new DatasetRows(database.json());
        this.chunkSource = new SqlDatasetStore(database);
    }

    @Override
    public long head() {
        return logColumn("head");
    }

    @Override
    public long prunedThrough() {
        return logColumn("pruned_through");
    }

    private long logColumn(String column) {
        return database.read(connection -> {
            try (PreparedStatement select =
                            connection.prepareStatement("SELECT " + column + " FROM index_log WHERE id = 1");
                    ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        });
    }

    @Override
    public List<IndexChange> after(long position, int limit) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT position, kind, knowledgebase_id, dataset_id, changed_at FROM index_changes"
                            + " WHERE position > ? ORDER BY position LIMIT ?")) {
                select.setLong(1, position);
                select.setInt(2, limit);
                List<IndexChange> changes = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        changes.add(new IndexChange(
                                row.getLong(1),
                                IndexChange.Kind.valueOf(row.getString(2)),
                                row.getString(3),
                                row.getString(4),
                                Instant.ofEpochMilli(row.getLong(5))));
                    }
                }
                return changes;
            }
        });
    }

    @Override
    public Duration age(long position) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT "
                    + database.dialect().nowMillis() + " - MIN(changed_at) FROM index_changes WHERE position > ?")) {
                select.setLong(1, position);
                try (ResultSet row = select.executeQuery()) {
                    long millis = row.next() ? row.getLong(1) : 0;
                    return Duration.ofMillis(Math.max(0, millis));
                }
            }
        });
    }

    @Override
    public Map<String, Boolean> chunkStates(String datasetId) {
        return database.read(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT id, enabled FROM chunks WHERE dataset_id = ?")) {
                select.setString(1, datasetId);
                Map<String, Boolean> states = new LinkedHashMap<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        states.put(row.getString(1), SqlValues.flag(row, "enabled"));
                    }
                }
                return states;
            }
        });
    }

    @Override
    public List<EmbeddedChunk> chunks(String datasetId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + DatasetRows.CHUNK_COLUMNS
                    + ", vector FROM chunks WHERE dataset_id = ? ORDER BY position")) {
                select.setString(1, datasetId);
                List<EmbeddedChunk> chunks = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        chunks.add(new EmbeddedChunk(rows.chunk(row), VectorBytes.decode(row.getBytes("vector"))));
                    }
                }
                return chunks;
            }
        });
    }

    @Override
    public void forEachChunk(Consumer<EmbeddedChunk> action) {
        chunkSource.forEachEmbeddedChunk(action);
    }

    @Override
    public void recordFollower(String processId, long position, Instant now) {
        database.inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO index_followers (process_id, position, seen_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT (process_id) DO UPDATE SET position = excluded.position,"
                            + " seen_at = excluded.seen_at")) {
                upsert.setString(1, processId);
                upsert.setLong(2, position);
                upsert.setLong(3, SqlValues.millis(now));
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public OptionalLong slowestFollower(Instant seenSince) {
        return database.inTransaction(connection -> {
            try (PreparedStatement forget =
                    connection.prepareStatement("DELETE FROM index_followers WHERE seen_at < ?")) {
                forget.setLong(1, SqlValues.millis(seenSince));
                forget.executeUpdate();
            }
            try (PreparedStatement select =
                            connection.prepareStatement("SELECT MIN(position), COUNT(*) FROM index_followers");
                    ResultSet row = select.executeQuery()) {
                return row.next() && row.getLong(2) > 0 ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        });
    }

    @Override
    public void prune(long position) {
        database.inTransaction(connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM index_changes WHERE position <= ?")) {
                delete.setLong(1, position);
                delete.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE index_log SET pruned_through = ? WHERE id = 1 AND pruned_through < ?")) {
                update.setLong(1, position);
                update.setLong(2, position);
                return update.executeUpdate();
            }
        });
    }
}
