package dev.gleaner.index;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.SourcedChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Answers "which chunks are most relevant to this question?". The question is embedded with the knowledgebase's
 * model; the index proposes nearest chunks; the SQL store, the source of truth, confirms each one (so deleted or
 * disabled chunks never appear, even before the index catches up). The score is the cosine similarity clipped to
 * [0, 1], the number {@code scoreThreshold} filters on.
 */
public final class Retriever {
    /** How many candidates the index is asked for, per result wanted, to survive filtering. */
    private static final int OVERFETCH = 3;

    private final SearchIndex index;
    private final DatasetStore store;
    private final Map<String, Embedder> embedders;

    public Retriever(SearchIndex index, DatasetStore store, Map<String, Embedder> embedders) {
        this.index = index;
        this.store = store;
        this.embedders = Map.copyOf(embedders);
    }

    public List<QueryHit> query(String knowledgebaseId, String modelName, String question, int topK, double threshold) {
        Embedder embedder = embedders.get(modelName);
        if (embedder == null) {
            throw new ServiceException(
                    ErrorCode.UNAVAILABLE,
                    "The embedding model '" + modelName + "' is not available in this deployment");
        }
        float[] vector = embedder.embed(List.of(question)).get(0);
        List<IndexHit> candidates = index.nearest(knowledgebaseId, vector, topK * OVERFETCH);
        Map<String, SourcedChunk> confirmed =
                store
                        .findEnabledChunks(
                                knowledgebaseId,
                                candidates.stream().map(IndexHit::chunkId).toList())
                        .stream()
                        .collect(Collectors.toMap(c -> c.chunk().id(), Function.identity()));
        List<QueryHit> hits = new ArrayList<>();
        for (IndexHit candidate : candidates) {
            SourcedChunk chunk = confirmed.get(candidate.chunkId());
            double score = Math.max(0.0, Math.min(1.0, candidate.similarity()));
            if (chunk != null && score >= threshold) {
                hits.add(new QueryHit(chunk, score));
            }
        }
        hits.sort(Comparator.comparingDouble(QueryHit::score).reversed());
        return hits.size() > topK ? List.copyOf(hits.subList(0, topK)) : List.copyOf(hits);
    }
}
