package dev.gleaner.catalog;

import dev.gleaner.ServiceException;
import dev.gleaner.index.SearchIndex;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.ingest.StoredFile;
import java.util.List;

/**
 * The datasets of a knowledgebase the caller already owns. A delete removes the rows in one SQL transaction first
 * (queries hydrate from SQL, so the chunks stop appearing at once) and then the index entries.
 */
public final class Datasets {
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1_000;

    private final DatasetStore store;
    private final SearchIndex index;

    public Datasets(DatasetStore store, SearchIndex index) {
        this.store = store;
        this.index = index;
    }

    public List<Dataset> list(Knowledgebase kb, int limit, int offset) {
        return store.list(kb.id(), limit, offset);
    }

    /** The datasets whose title, file name or source URL contains {@code keyword}, newest first. */
    public List<Dataset> search(Knowledgebase kb, String keyword, int limit, int offset) {
        return store.search(kb.id(), keyword, limit, offset);
    }

    public Dataset get(Knowledgebase kb, String datasetId) {
        return store.find(kb.id(), datasetId).orElseThrow(() -> ServiceException.notFound("Dataset"));
    }

    public List<Chunk> chunks(Knowledgebase kb, String datasetId) {
        get(kb, datasetId);
        return store.chunks(datasetId);
    }

    /**
     * Enables or disables one chunk of the dataset; a disabled chunk is left out of queries from the next one on.
     * Returns the chunk as it is now; an unknown dataset or chunk is not found.
     */
    public Chunk setChunkEnabled(Knowledgebase kb, String datasetId, String chunkId, boolean enabled) {
        get(kb, datasetId);
        return store.setChunkEnabled(datasetId, chunkId, enabled).orElseThrow(() -> ServiceException.notFound("Chunk"));
    }

    public StoredFile file(Knowledgebase kb, String datasetId) {
        get(kb, datasetId);
        return store.file(datasetId).orElseThrow(() -> ServiceException.notFound("Original file"));
    }

    public void delete(Knowledgebase kb, String datasetId) {
        if (!store.delete(kb.id(), datasetId)) {
            throw ServiceException.notFound("Dataset");
        }
        index.deleteDataset(datasetId);
    }
}
