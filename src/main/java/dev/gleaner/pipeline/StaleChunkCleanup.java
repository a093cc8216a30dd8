package dev.gleaner.pipeline;

import dev.gleaner.index.SearchIndex;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.DatasetStore;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link CrawlWorkers.PageIndexCleanup} that asks SQL, the source of truth, which of a dataset's chunks exist, and
 * removes the others from the search index.
 */
public final class StaleChunkCleanup implements CrawlWorkers.PageIndexCleanup {
    private final DatasetStore store;
    private final SearchIndex index;

    public StaleChunkCleanup(DatasetStore store, SearchIndex index) {
        this.store = store;
        this.index = index;
    }

    @Override
    public void removeStale(String datasetId, Collection<String> chunkIds) {
        if (chunkIds.isEmpty()) {
            return;
        }
        Set<String> held = store.chunks(datasetId).stream().map(Chunk::id).collect(Collectors.toSet());
        List<String> stale =
                chunkIds.stream().filter(id -> !held.contains(id)).distinct().toList();
        if (!stale.isEmpty()) {
            index.deleteChunks(stale);
        }
    }
}
