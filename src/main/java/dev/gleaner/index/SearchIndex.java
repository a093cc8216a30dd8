package dev.gleaner.index;

import dev.gleaner.ingest.EmbeddedChunk;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A rebuildable projection of the stored chunks for nearest-neighbour and keyword search, scoped by knowledgebase. Changes are
 * visible to searches when the call returns. Thread-safe.
 */
public interface SearchIndex extends AutoCloseable {
    /** Adds (or replaces, by chunk id) these chunks. */
    void add(List<EmbeddedChunk> chunks);

    void deleteDataset(String datasetId);

    /**
     * Makes each dataset's documents exactly its chunks in {@code datasets} (none: the dataset leaves the index),
     * replacing what the index held for it; searches see all of them change at once.
     */
    void replaceDatasets(Map<String, List<EmbeddedChunk>> datasets);

    /** The dataset's chunks in the index: id → enabled. */
    Map<String, Boolean> chunkStates(String datasetId);

    /**
     * The change-feed position the index's content reflects (every {@link IndexChange} up to it is applied, and it is
     * kept across restarts); empty when it is not known: a new index, or one written before the feed.
     */
    OptionalLong position();

    /** Records that every change up to {@code position} is applied. */
    void applied(long position);

    /** Makes the changes so far durable, with the position they reflect. */
    void commit();

    /** Removes these chunks (unknown ids are ignored): the chunks a dataset's update replaced. */
    void deleteChunks(Collection<String> chunkIds);

    void deleteKnowledgebase(String knowledgebaseId);

    /** The {@code k} enabled chunks of the knowledgebase nearest to {@code vector}, most similar first. */
    List<IndexHit> nearest(String knowledgebaseId, float[] vector, int k);

    /**
     * The {@code k} enabled chunks of the knowledgebase that best match the words of {@code query} (BM25 over the
     * chunks' text and heading path), best first. The query is plain words, never query syntax. Each hit's
     * {@link IndexHit#similarity()} is the share of the query's terms the chunk holds, in [0, 1].
     */
    List<IndexHit> matching(String knowledgebaseId, String query, int k);

    /** How many chunks the index holds. */
    long size();

    /**
     * Replaces the whole index with the chunks {@code source} hands to its consumer, which reflect every change up to
     * {@code position}.
     */
    void rebuild(Consumer<Consumer<EmbeddedChunk>> source, long position);

    @Override
    void close();
}
