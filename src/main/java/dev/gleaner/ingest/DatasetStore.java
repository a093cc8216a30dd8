package dev.gleaner.ingest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Persistence of datasets, their chunks (text and vectors) and original files. The SQL store is the source of truth;
 * the search index is rebuilt from {@link #forEachEmbeddedChunk}.
 */
public interface DatasetStore {
    /** The knowledgebase's datasets, newest first. */
    List<Dataset> list(String knowledgebaseId, int limit, int offset);

    /**
     * The knowledgebase's datasets whose title, file name or source URL contains {@code keyword} (ignoring case, on
     * SQLite that of ASCII letters only; no character of it is a wildcard), newest first.
     */
    List<Dataset> search(String knowledgebaseId, String keyword, int limit, int offset);

    Optional<Dataset> find(String knowledgebaseId, String datasetId);

    /** The dataset's chunks in document order. */
    List<Chunk> chunks(String datasetId);

    Optional<StoredFile> file(String datasetId);

    /**
     * Enables or disables one chunk of the dataset; returns it as it is now, or empty when the dataset has no such
     * chunk. A disabled chunk is left out of {@link #findEnabledChunks} from then on.
     */
    Optional<Chunk> setChunkEnabled(String datasetId, String chunkId, boolean enabled);

    /**
     * Deletes the dataset, its chunks and its file in one transaction; returns false when it did not exist. Its frontier
     * row (if any) keeps its outcome but loses the dataset reference.
     */
    boolean delete(String knowledgebaseId, String datasetId);

    /**
     * The enabled chunks of the knowledgebase among {@code chunkIds}, with their dataset's source fields; chunks of a
     * dataset marked removed ({@link Dataset#removedAt}) are left out.
     */
    List<SourcedChunk> findEnabledChunks(String knowledgebaseId, Collection<String> chunkIds);

    /** Every stored chunk with its vector, for rebuilding the index. */
    void forEachEmbeddedChunk(Consumer<EmbeddedChunk> action);

    /** How many chunks are stored in all (the index holds exactly these when it is in sync). */
    long chunkCount();

    /**
     * The dataset of the knowledgebase a crawled page was stored as: the one stored under {@code sourceKey}, or else
     * (a dataset stored before datasets had keys) the oldest crawled one without a key whose source URL is
     * {@code sourceUrl}.
     */
    Optional<Dataset> findBySource(String knowledgebaseId, String sourceKey, String sourceUrl);

    /**
     * {@link #findBySource} for many crawled pages at once: {@code sourceUrlByKey} maps each page's source key to its
     * source URL; the answer maps each key that has a dataset to the one {@link #findBySource} finds for that key and
     * URL, and leaves out the keys that have none. Looks keys up in batches, not one query per key.
     */
    Map<String, Dataset> findBySources(String knowledgebaseId, Map<String, String> sourceUrlByKey);

    /**
     * The oldest dataset of the knowledgebase whose extracted text has this SHA-256 hash, if there is one; a dataset
     * without chunks (unless it is an upload still being processed) is never found.
     */
    Optional<Dataset> findByContentHash(String knowledgebaseId, String contentHash);

    /**
     * The links recorded with the page version the dataset holds ({@link PageValidators#links}); empty when none were
     * recorded (an upload, a dataset stored before links were recorded, or no such dataset).
     */
    Optional<List<String>> pageLinks(String datasetId);
}
