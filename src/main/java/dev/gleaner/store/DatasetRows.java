package dev.gleaner.store;

import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.PageValidators;
import dev.gleaner.ingest.StoredFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@code datasets}, {@code dataset_files} and {@code chunks} tables: rows to records and back. */
final class DatasetRows {
    static final String DATASET_COLUMNS = "id, knowledgebase_id, job_id, filename, file_url, source_url, title,"
            + " extension_type, size, parsed, content_hash, chunk_count, error, created_at, updated_at, etag,"
            + " last_modified, fetched_at";
    static final String CHUNK_COLUMNS =
            "id, dataset_id, knowledgebase_id, position, content, heading_path, enabled, anchor";
    /** The columns a dataset is read from: those it is inserted with, and what syncs of its source set. */
    static final String DATASET_READ_COLUMNS = DATASET_COLUMNS + ", source_id, removed_at";

    private final JsonColumns json;

    DatasetRows(JsonColumns json) {
        this.json = json;
    }

    static Dataset dataset(ResultSet row) throws SQLException {
        return Dataset.builder()
                .id(row.getString("id"))
                .knowledgebaseId(row.getString("knowledgebase_id"))
                .jobId(row.getString("job_id"))
                .filename(row.getString("filename"))
                .fileUrl(row.getString("file_url"))
                .sourceUrl(row.getString("source_url"))
                .title(row.getString("title"))
                .extensionType(row.getString("extension_type"))
                .size(row.getLong("size"))
                .parsed(SqlValues.flag(row, "parsed"))
                .contentHash(row.getString("content_hash"))
                .chunkCount(row.getLong("chunk_count"))
                .error(row.getString("error"))
                .createdAt(SqlValues.instant(row, "created_at"))
                .updatedAt(SqlValues.instant(row, "updated_at"))
                .sourceId(row.getString("source_id"))
                .removedAt(SqlValues.nullableInstant(row, "removed_at"))
                .validators(validators(row))
                .build();
    }

    private static @Nullable PageValidators validators(ResultSet row) throws SQLException {
        Instant fetchedAt = SqlValues.nullableInstant(row, "fetched_at");
        return fetchedAt == null
                ? null
                : new PageValidators(row.getString("etag"), row.getString("last_modified"), fetchedAt);
    }

    /**
     * Records that the page of dataset {@code datasetId} was fetched again and found unchanged: its validators are
     * replaced (the server may have sent new ones) and so is its fetch time.
     */
    static void confirmFetch(Connection connection, String datasetId, PageValidators validators) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE datasets SET etag = ?, last_modified = ?, fetched_at = ? WHERE id = ?")) {
            SqlValues.setNullableString(update, 1, validators.etag());
            SqlValues.setNullableString(update, 2, validators.lastModified());
            update.setLong(3, SqlValues.millis(validators.fetchedAt()));
            update.setString(4, datasetId);
            update.executeUpdate();
        }
        if (validators.links() != null) {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE dataset_files SET links = ? WHERE dataset_id = ?")) {
                update.setBytes(1, linkBytes(validators));
                update.setString(2, datasetId);
                update.executeUpdate();
            }
        }
    }

    /** The links recorded with the dataset's page version, when any were. */
    static Optional<List<String>> pageLinks(Connection connection, String datasetId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT links FROM dataset_files WHERE dataset_id = ?")) {
            select.setString(1, datasetId);
            try (ResultSet row = select.executeQuery()) {
                byte[] links = row.next() ? row.getBytes(1) : null;
                return links == null ? Optional.empty() : Optional.of(LinkListBytes.decode(links));
            }
        }
    }

    private static byte @Nullable [] linkBytes(@Nullable PageValidators validators) {
        List<String> links = validators == null ? null : validators.links();
        return links == null ? null : LinkListBytes.encode(links);
    }

    Chunk chunk(ResultSet row) throws SQLException {
        return new Chunk(
                row.getString("id"),
                row.getString("dataset_id"),
                row.getString("knowledgebase_id"),
                row.getInt("position"),
                row.getString("content"),
                json.headingPath(row.getString("heading_path")),
                SqlValues.flag(row, "enabled"),
                row.getString("anchor"));
    }

    /** Stores the dataset as given (without a source key: an upload), its original file and its chunks with their vectors. */
    void insert(Connection connection, Dataset dataset, List<EmbeddedChunk> chunks, StoredFile original)
            throws SQLException {
        insertDataset(connection, dataset, null);
        insertFile(connection, dataset.id(), original, null);
        insertChunks(connection, dataset, chunks);
    }

    /** Stores the dataset's embedded chunks. */
    void insertChunks(Connection connection, Dataset dataset, List<EmbeddedChunk> chunks) throws SQLException {
        if (chunks.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO chunks (" + CHUNK_COLUMNS + ", vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EmbeddedChunk embedded : chunks) {
                Chunk chunk = embedded.chunk();
                insert.setString(1, chunk.id());
                insert.setString(2, dataset.id());
                insert.setString(3, dataset.knowledgebaseId());
                insert.setInt(4, chunk.position());
                insert.setString(5, chunk.content());
                insert.setString(6, json.headingPath(chunk.headingPath()));
                insert.setInt(7, SqlValues.flag(chunk.enabled()));
                SqlValues.setNullableString(insert, 8, chunk.anchor());
                insert.setBytes(9, VectorBytes.encode(embedded.vector()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Stores a crawled page's dataset under its source key, with its original file and chunks; false, storing nothing,
     * when the knowledgebase already has a dataset under that key (another job stored the same page first).
     */
    boolean insertCrawled(
            Connection connection, Dataset dataset, String sourceKey, List<EmbeddedChunk> chunks, StoredFile original)
            throws SQLException {
        if (insertDataset(connection, dataset, sourceKey) == 0) {
            return false;
        }
        insertFile(connection, dataset.id(), original, linkBytes(dataset.validators()));
        insertChunks(connection, dataset, chunks);
        return true;
    }

    /**
     * Replaces the fields, chunks and original file of a crawled dataset by those of {@code dataset} (same id), if it
     * still exists with the content hash {@code previousContentHash}; false, changing nothing, otherwise. The dataset
     * keeps its creation time.
     */
    boolean replace(
            Connection connection,
            Dataset dataset,
            String sourceKey,
            String previousContentHash,
            List<EmbeddedChunk> chunks,
            StoredFile original)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE datasets SET job_id = ?, filename = ?,"
                + " file_url = ?, source_url = ?, source_key = ?, title = ?, extension_type = ?, size = ?, parsed = 1,"
                + " content_hash = ?, chunk_count = ?, error = NULL, updated_at = ?, etag = ?, last_modified = ?,"
                + " fetched_at = ? WHERE id = ? AND knowledgebase_id = ? AND COALESCE(content_hash, '') = ?")) {
            SqlValues.setNullableString(update, 1, dataset.jobId());
            update.setString(2, dataset.filename());
            update.setString(3, dataset.fileUrl());
            SqlValues.setNullableString(update, 4, dataset.sourceUrl());
            update.setString(5, sourceKey);
            SqlValues.setNullableString(update, 6, dataset.title());
            update.setString(7, dataset.extensionType());
            update.setLong(8, dataset.size());
            SqlValues.setNullableString(update, 9, dataset.contentHash());
            update.setLong(10, chunks.size());
            update.setLong(11, SqlValues.millis(dataset.updatedAt()));
            setValidators(update, 12, dataset.validators());
            update.setString(15, dataset.id());
            update.setString(16, dataset.knowledgebaseId());
            update.setString(17, previousContentHash);
            if (update.executeUpdate() == 0) {
                return false;
            }
        }
        Cascade.execute(connection, "DELETE FROM chunks WHERE dataset_id = ?", dataset.id());
        Cascade.execute(connection, "DELETE FROM dataset_files WHERE dataset_id = ?", dataset.id());
        insertFile(connection, dataset.id(), original, linkBytes(dataset.validators()));
        insertChunks(connection, dataset, chunks);
        return true;
    }

    /** Stores the dataset's original file, with the links of its page version when recorded ({@code links}). */
    private static void insertFile(
            Connection connection, String datasetId, StoredFile original, byte @Nullable [] links) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dataset_files (dataset_id, content_type, bytes, links) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, datasetId);
            insert.setString(2, original.contentType());
            insert.setBytes(3, original.bytes());
            insert.setBytes(4, links);
            insert.executeUpdate();
        }
    }

    /**
     * Inserts the dataset row; with a source key, only if the knowledgebase has no dataset under that key yet (the
     * unique index decides, so two transactions storing the same page at once store one). Returns the rows inserted.
     */
    private static int insertDataset(Connection connection, Dataset dataset, @Nullable String sourceKey)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO datasets (" + DATASET_COLUMNS
                + ", source_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + (sourceKey == null ? "" : " ON CONFLICT (knowledgebase_id, source_key) DO NOTHING"))) {
            insert.setString(1, dataset.id());
            insert.setString(2, dataset.knowledgebaseId());
            SqlValues.setNullableString(insert, 3, dataset.jobId());
            insert.setString(4, dataset.filename());
            insert.setString(5, dataset.fileUrl());
            SqlValues.setNullableString(insert, 6, dataset.sourceUrl());
            SqlValues.setNullableString(insert, 7, dataset.title());
            insert.setString(8, dataset.extensionType());
            insert.setLong(9, dataset.size());
            insert.setInt(10, SqlValues.flag(dataset.parsed()));
            SqlValues.setNullableString(insert, 11, dataset.contentHash());
            insert.setLong(12, dataset.chunkCount());
            SqlValues.setNullableString(insert, 13, dataset.error());
            insert.setLong(14, SqlValues.millis(dataset.createdAt()));
            insert.setLong(15, SqlValues.millis(dataset.updatedAt()));
            setValidators(insert, 16, dataset.validators());
            SqlValues.setNullableString(insert, 19, sourceKey);
            return insert.executeUpdate();
        }
    }

    /** Sets {@code etag}, {@code last_modified}, {@code fetched_at} from parameter {@code first} on. */
    private static void setValidators(PreparedStatement statement, int first, @Nullable PageValidators validators)
            throws SQLException {
        SqlValues.setNullableString(statement, first, validators == null ? null : validators.etag());
        SqlValues.setNullableString(statement, first + 1, validators == null ? null : validators.lastModified());
        SqlValues.setNullableMillis(statement, first + 2, validators == null ? null : validators.fetchedAt());
    }
}
