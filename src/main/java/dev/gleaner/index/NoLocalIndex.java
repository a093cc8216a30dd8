package dev.gleaner.index;

import dev.gleaner.ingest.EmbeddedChunk;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The {@link SearchIndex} of a process that keeps none (a {@code --role worker}): it stores chunks in the store, whose
 * change feed carries them to the indexes of the processes that answer queries, so a write here has nothing to do.
 * Such a process serves no queries; a search is a wiring error and fails.
 */
public final class NoLocalIndex implements SearchIndex {
    @Override
    public void add(List<EmbeddedChunk> chunks) {}

    @Override
    public void deleteDataset(String datasetId) {}

    @Override
    public void replaceDatasets(Map<String, List<EmbeddedChunk>> datasets) {}

    @Override
    public Map<String, Boolean> chunkStates(String datasetId) {
        return Map.of();
    }

    @Override
    public OptionalLong position() {
        return OptionalLong.empty();
    }

    @Override
    public void applied(long position) {}

    @Override
    public void commit() {}

    @Override
    public void deleteChunks(Collection<String> chunkIds) {}

    @Override
    public void deleteKnowledgebase(String knowledgebaseId) {}

    @Override
    public List<IndexHit> nearest(String knowledgebaseId, float[] vector, int k) {
        throw new IllegalStateException("this process keeps no search index (--role worker) and answers no queries");
    }

    @Override
    public List<IndexHit> matching(String knowledgebaseId, String query, int k) {
        throw new IllegalStateException("this process keeps no search index (--role worker) and answers no queries");
    }

    @Override
    public long size() {
        return 0;
    }

    @Override
    public void rebuild(Consumer<Consumer<EmbeddedChunk>> source, long position) {}

    @Override
    public void close() {}
}
