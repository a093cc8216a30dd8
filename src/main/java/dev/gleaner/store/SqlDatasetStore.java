package dev.gleaner.store;

import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.SourcedChunk;
import dev.gleaner.ingest.StoredFile;
import dev.gleaner.uploads.PendingUpload;
import dev.gleaner.uploads.UploadStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link DatasetStore} in SQL. Besides the port it stores uploaded datasets ({@link #insert}) and switches chunks
 * on and off ({@link #setChunkEnabled}). {@link #forEachEmbeddedChunk} reads in pages by chunk id, so a long index
 * rebuild holds no connection or transaction while its consumer works.
 */
public final class SqlDatasetStore implements DatasetStore, UploadStore {
    /** Chunks read per query while rebuilding the index. */
    static final int EMBEDDED_PAGE = 500;
    /** Chunk ids looked up per query. */
    static final int ID_LOOKUP_BATCH = 500;
    /** The condition of an upload still to be processed: neither parsed nor failed (uploads have no job). */
    private static final String PENDING_UPLOAD = "parsed = 0 AND error IS NULL AND job_id IS NULL";

    private final Database database;
    private final DatasetRows rows;

    public SqlDatasetStore(Database database) {
        this.database = database;
        this.rows = new DatasetRows(database.json());
    }

    /** Stores a dataset (as given), its original file and its embedded chunks in one transaction. */
    public void insert(Dataset dataset, List<EmbeddedChunk> chunks, StoredFile original) {
        database.inTransaction(connection -> {
            rows.insert(connection, dataset, chunks, original);
            if (!chunks.isEmpty()) {
                IndexLog.datasetChanged(connection, database.dialect(), dataset.knowledgebaseId(), dataset.id());
            }
            return dataset.id();
        });
    }

    @Override
    public void insertUpload(Dataset dataset, StoredFile original, @Nullable Instant heldUntil) {
        database.inTransaction(connection -> {
            rows.insert(connection, dataset, List.of(), original);
            try (PreparedStatement hold =
                    connection.prepareStatement("UPDATE datasets SET upload_lease_until = ? WHERE id = ?")) {
                SqlValues.setNullableMillis(hold, 1, heldUntil);
                hold.setString(2, dataset.id());
                hold.executeUpdate();
            }
            return dataset.id();
        });
    }

    @Override
    public boolean completeUpload(String datasetId, List<EmbeddedChunk> chunks, Instant now) {
        return database.inTransaction(connection -> {
            Optional<Dataset> dataset = findById(connection, datasetId);
            if (dataset.isEmpty() || dataset.get().parsed()) {
                return false;
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE datasets SET parsed = 1,"
                    + " chunk_count = ?, error = NULL, updated_at = ? WHERE id = ? AND parsed = 0")) {
                update.setLong(1, chunks.size());
                update.setLong(2, SqlValues.millis(now));
                update.setString(3, datasetId);
                if (update.executeUpdate() == 0) {
                    return false;
                }
            }
            rows.insertChunks(connection, dataset.get(), chunks);
            IndexLog.datasetChanged(
                    connection, database.dialect(), dataset.get().knowledgebaseId(), datasetId);
            return true;
        });
    }

    @Override
    public void failUpload(String datasetId, String error, Instant now) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE datasets SET error = ?, updated_at = ? WHERE id = ? AND parsed = 0")) {
                update.setString(1, error);
                update.setLong(2, SqlValues.millis(now));
                update.setString(3, datasetId);
                return update.executeUpdate();
            }
        });
    }

    /**
     * One conditional {@code UPDATE}: of two processes claiming at once, one changes the row and the other finds it
     * held. A row never claimed (NULL) was accepted by a process that left it to others, so its first claim is no
     * restart.
     */
    @Override
    public OptionalInt claimUpload(String datasetId, Instant heldUntil, Instant now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement claim = connection.prepareStatement("UPDATE datasets SET upload_attempts ="
                    + " upload_attempts + CASE WHEN upload_lease_until IS NULL THEN 0 ELSE 1 END,"
                    + " upload_lease_until = ? WHERE id = ? AND " + PENDING_UPLOAD
                    + " AND (upload_lease_until IS NULL OR upload_lease_until <= ?)")) {
                claim.setLong(1, SqlValues.millis(heldUntil));
                claim.setString(2, datasetId);
                claim.setLong(3, SqlValues.millis(now));
                if (claim.executeUpdate() == 0) {
                    return OptionalInt.empty();
                }
            }
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT upload_attempts FROM datasets WHERE id = ?")) {
                select.setString(1, datasetId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? OptionalInt.of(row.getInt(1)) : OptionalInt.empty();
                }
            }
        });
    }

    @Override
    public Set<String> holdUploads(Collection<String> datasetIds, Instant heldUntil) {
        if (datasetIds.isEmpty()) {
            return Set.of();
        }
        return database.inTransaction(connection -> {
            Set<String> held = new HashSet<>();
            try (PreparedStatement hold = connection.prepareStatement(
                    "UPDATE datasets SET upload_lease_until = ? WHERE id = ? AND " + PENDING_UPLOAD)) {
                for (String id : datasetIds) {
                    hold.setLong(1, SqlValues.millis(heldUntil));
                    hold.setString(2, id);
                    if (hold.executeUpdate() > 0) {
                        held.add(id);
                    }
                }
            }
            return held;
        });
    }

    /** Uploads have no job; a crawled dataset is stored parsed, so it is never pending. */
    @Override
    public List<PendingUpload> pendingUploads(Instant now) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT d.id, d.knowledgebase_id, d.filename,"
                    + " k.embedding_model_name, k.chunk_size, k.chunk_overlap"
                    + " FROM datasets d JOIN knowledgebases k ON k.id = d.knowledgebase_id"
                    + " WHERE d.parsed = 0 AND d.error IS NULL AND d.job_id IS NULL"
                    + " AND (d.upload_lease_until IS NULL OR d.upload_lease_until <= ?)"
                    + " ORDER BY d.created_at, d.id")) {
                select.setLong(1, SqlValues.millis(now));
                try (ResultSet row = select.executeQuery()) {
                    List<PendingUpload> pending = new ArrayList<>();
                    while (row.next()) {
                        pending.add(new PendingUpload(
                                row.getString(1),
                                row.getString(2),
                                row.getString(3),
                                row.getString(4),
                                row.getInt(5),
                                row.getInt(6)));
                    }
                    return pending;
                }
            }
        });
    }

    private static Optional<Dataset> findById(Connection connection, String datasetId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + DatasetRows.DATASET_READ_COLUMNS + " FROM datasets WHERE id = ?")) {
            select.setString(1, datasetId);
            return datasets(select).stream().findFirst();
        }
    }

    /** Enables or disables one chunk of the dataset; returns it as it is now, or empty when there is no such chunk. */
    @Override
    public Optional<Chunk> setChunkEnabled(String datasetId, String chunkId, boolean enabled) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE chunks SET enabled = ? WHERE id = ? AND dataset_id = ?")) {
                update.setInt(1, SqlValues.flag(enabled));
                update.setString(2, chunkId);
                update.setString(3, datasetId);
                update.executeUpdate();
            }
            Optional<Chunk> chunk = chunks(
                            connection,
                            "SELECT " + DatasetRows.CHUNK_COLUMNS + " FROM chunks WHERE id = ? AND dataset_id = ?",
                            chunkId,
                            datasetId)
                    .stream()
                    .findFirst();
            if (chunk.isPresent()) {
                IndexLog.datasetChanged(
                        connection, database.dialect(), chunk.get().knowledgebaseId(), datasetId);
            }
            return chunk;
        });
    }

    @Override
    public List<Dataset> list(String knowledgebaseId, int limit, int offset) {
        return page(knowledgebaseId, "", List.of(), limit, offset);
    }

    @Override
    public List<Dataset> search(String knowledgebaseId, String keyword, int limit, int offset) {
        // LOWER on both sides: SQLite's LIKE ignores ASCII case only, PostgreSQL's none at all.
        String pattern = "%" + SqlValues.likeEscaped(keyword.toLowerCase(Locale.ROOT)) + "%";
        return page(
                knowledgebaseId,
                " AND (LOWER(COALESCE(title, '')) LIKE ? ESCAPE '\\' OR LOWER(filename) LIKE ? ESCAPE '\\'"
                        + " OR LOWER(COALESCE(source_url, '')) LIKE ? ESCAPE '\\')",
                List.of(pattern, pattern, pattern),
                limit,
                offset);
    }

    private List<Dataset> page(String knowledgebaseId, String filter, List<String> values, int limit, int offset) {
        if (limit <= 0) {
            return List.of();
        }
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + DatasetRows.DATASET_READ_COLUMNS
                    + " FROM datasets WHERE knowledgebase_id = ?" + filter
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
                int index = 1;
                select.setString(index++, knowledgebaseId);
                for (String value : values) {
                    select.setString(index++, value);
                }
                select.setInt(index++, limit);
                select.setInt(index, Math.max(0, offset));
                return datasets(select);
            }
        });
    }

    @Override
    public Optional<Dataset> find(String knowledgebaseId, String datasetId) {
        return database.read(connection -> find(connection, knowledgebaseId, datasetId));
    }

    private static Optional<Dataset> find(Connection connection, String knowledgebaseId, String datasetId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + DatasetRows.DATASET_READ_COLUMNS
                + " FROM datasets WHERE id = ? AND knowledgebase_id = ?")) {
            select.setString(1, datasetId);
            select.setString(2, knowledgebaseId);
            return datasets(select).stream().findFirst();
        }
    }

    private static List<Dataset> datasets(PreparedStatement select) throws SQLException {
        List<Dataset> datasets = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                datasets.add(DatasetRows.dataset(row));
            }
        }
        return datasets;
    }

    /** A keyed dataset first; else, among legacy ones (no key, same URL: there may be several), the oldest. */
    @Override
    public Optional<Dataset> findBySource(String knowledgebaseId, String sourceKey, String sourceUrl) {
        return database.read(connection -> {
            Optional<Dataset> keyed = firstDataset(
                    connection,
                    "SELECT " + DatasetRows.DATASET_READ_COLUMNS
                            + " FROM datasets WHERE knowledgebase_id = ? AND source_key = ?",
                    knowledgebaseId,
                    sourceKey);
            return keyed.isPresent()
                    ? keyed
                    : firstDataset(
                            connection,
                            "SELECT " + DatasetRows.DATASET_READ_COLUMNS + " FROM datasets WHERE knowledgebase_id = ?"
                                    + " AND source_url = ? AND source_key IS NULL AND job_id IS NOT NULL"
                                    + " ORDER BY created_at, id LIMIT 1",
                            knowledgebaseId,
                            sourceUrl);
        });
    }

    /** A few hundred keys per query; see {@link DatasetsBySource}. */
    @Override
    public Map<String, Dataset> findBySources(String knowledgebaseId, Map<String, String> sourceUrlByKey) {
        if (sourceUrlByKey.isEmpty()) {
            return Map.of();
        }
        return database.read(connection -> DatasetsBySource.find(connection, knowledgebaseId, sourceUrlByKey));
    }

    private static Optional<Dataset> firstDataset(Connection connection, String sql, String... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            return datasets(select).stream().findFirst();
        }
    }

    /** The oldest such dataset when several have the same text. */
    @Override
    public Optional<Dataset> findByContentHash(String knowledgebaseId, String contentHash) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + DatasetRows.DATASET_READ_COLUMNS
                    + " FROM datasets WHERE knowledgebase_id = ? AND content_hash = ?"
                    // A dataset without chunks (stored before empty pages were refused) is no page's original;
                    // an upload still being processed will have some.
                    + " AND (chunk_count > 0 OR (parsed = 0 AND error IS NULL))"
                    + " ORDER BY created_at, id LIMIT 1")) {
                select.setString(1, knowledgebaseId);
                select.setString(2, contentHash);
                return datasets(select).stream().findFirst();
            }
        });
    }

    @Override
    public List<Chunk> chunks(String datasetId) {
        return database.read(connection -> chunks(
                connection,
                "SELECT " + DatasetRows.CHUNK_COLUMNS + " FROM chunks WHERE dataset_id = ? ORDER BY position",
                datasetId));
    }

    private List<Chunk> chunks(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<Chunk> chunks = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    chunks.add(rows.chunk(row));
                }
            }
            return chunks;
        }
    }

    @Override
    public Optional<StoredFile> file(String datasetId) {
        return database.read(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT content_type, bytes FROM dataset_files WHERE dataset_id = ?")) {
                select.setString(1, datasetId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new StoredFile(row.getString(1), row.getBytes(2)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<List<String>> pageLinks(String datasetId) {
        return database.read(connection -> DatasetRows.pageLinks(connection, datasetId));
    }

    @Override
    public boolean delete(String knowledgebaseId, String datasetId) {
        return database.inTransaction(connection -> {
            if (find(connection, knowledgebaseId, datasetId).isEmpty()) {
                return false;
            }
            DatasetDeletion.delete(connection, datasetId);
            IndexLog.datasetChanged(connection, database.dialect(), knowledgebaseId, datasetId);
            return true;
        });
    }

    @Override
    public List<SourcedChunk> findEnabledChunks(String knowledgebaseId, Collection<String> chunkIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(chunkIds));
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, SourcedChunk> found = new HashMap<>();
        database.read(connection -> {
            for (int from = 0; from < ids.size(); from += ID_LOOKUP_BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + ID_LOOKUP_BATCH));
                findEnabled(connection, knowledgebaseId, batch, found);
            }
            return found.size();
        });
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    private void findEnabled(
            Connection connection, String knowledgebaseId, List<String> ids, Map<String, SourcedChunk> found)
            throws SQLException {
        // Looked up by primary key alone, the knowledgebase and enabled flag checked on the few rows found: with
        // "knowledgebase_id = ?" in the WHERE clause SQLite walks the knowledgebase index instead, reading every chunk
        // of the knowledgebase, so a query took longer the larger the knowledgebase.
        try (PreparedStatement select = connection.prepareStatement("SELECT c.id, c.dataset_id, c.knowledgebase_id,"
                + " c.position, c.content, c.heading_path, c.enabled, c.anchor, d.source_url, d.title, d.removed_at"
                + " FROM chunks c JOIN datasets d ON d.id = c.dataset_id"
                + " WHERE c.id IN (" + SqlValues.placeholders(ids.size()) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 1, ids.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Chunk chunk = rows.chunk(row);
                    // A dataset a sync marked removed keeps its chunks in the index (a page that comes back is
                    // restored without embedding it again) but answers no query meanwhile.
                    boolean marked = SqlValues.nullableInstant(row, "removed_at") != null;
                    if (chunk.enabled() && !marked && chunk.knowledgebaseId().equals(knowledgebaseId)) {
                        found.put(
                                chunk.id(),
                                new SourcedChunk(chunk, row.getString("source_url"), row.getString("title")));
                    }
                }
            }
        }
    }

    @Override
    public void forEachEmbeddedChunk(Consumer<EmbeddedChunk> action) {
        String after = "";
        while (true) {
            String from = after;
            List<EmbeddedChunk> page = database.read(connection -> embeddedPage(connection, from));
            page.forEach(action);
            if (page.size() < EMBEDDED_PAGE) {
                return;
            }
            after = page.get(page.size() - 1).chunk().id();
        }
    }

    private List<EmbeddedChunk> embeddedPage(Connection connection, String afterId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + DatasetRows.CHUNK_COLUMNS + ", vector FROM chunks WHERE id > ? ORDER BY id LIMIT ?")) {
            select.setString(1, afterId);
            select.setInt(2, EMBEDDED_PAGE);
            List<EmbeddedChunk> page = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    page.add(new EmbeddedChunk(rows.chunk(row), VectorBytes.decode(row.getBytes("vector"))));
                }
            }
            return page;
        }
    }

    @Override
    public long chunkCount() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM chunks");
                    ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
