package dev.gleaner.index;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.SourcedChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Answers "which chunks are most relevant to this question?" by hybrid retrieval. Two candidate lists come from the
 * index: the chunks nearest to the question's embedding (dense, {@link SearchIndex#nearest}; the question is embedded
 * with the knowledgebase's model) and the chunks best matching its words (BM25, {@link SearchIndex#matching}). The
 * SQL store, the source of truth, confirms each candidate (so deleted or disabled chunks never appear, even before the
 * index catches up).
 *
 * <p>The lists are fused by reciprocal rank fusion with {@link #RRF_K} = 60, each list's reciprocal rank weighted by
 * that list's own evidence so that the score keeps an absolute meaning. For a chunk at rank {@code r} (from 1) in a
 * list, that list's contribution is {@code e · (K + 1) / (K + r)}: its rank weight, 1 at rank 1 and slowly falling,
 * times its evidence {@code e} in [0, 1] — for the dense list the cosine similarity clipped to [0, 1], for the BM25
 * list the idf-weighted share of the question's terms the chunk holds. A chunk missing from a list gets 0 from it.
 * The two contributions {@code d} and {@code b} combine as {@code score = 1 − (1 − d)(1 − b)}: in [0, 1], 1.0 only for
 * a chunk first in both lists with full evidence in both, never below either contribution alone, and rising with
 * either. So a strong keyword match (an error code the embedding misses) and a strong paraphrase each score high on
 * their own, a chunk both agree on scores higher, and a chunk neither finds relevant scores near 0 whatever its rank:
 * {@code scoreThreshold} (default 0.3) filters on this score.
 */
public final class Retriever {
    /** The rank constant of reciprocal rank fusion: how slowly a list's weight falls with rank. */
    public static final int RRF_K = 60;
    /** How many candidates each list is asked for, per result wanted, to survive filtering and fusion. */
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
        int candidates = topK * OVERFETCH;
        Map<String, Double> scores = fuse(
                index.nearest(knowledgebaseId, vector, candidates),
                index.matching(knowledgebaseId, question, candidates));
        Map<String, SourcedChunk> confirmed =
                store.findEnabledChunks(knowledgebaseId, List.copyOf(scores.keySet())).stream()
                        .collect(Collectors.toMap(c -> c.chunk().id(), Function.identity()));
        List<QueryHit> hits = new ArrayList<>();
        scores.forEach((chunkId, score) -> {
            SourcedChunk chunk = confirmed.get(chunkId);
            if (chunk != null && score >= threshold) {
                hits.add(new QueryHit(chunk, score));
            }
        });
        hits.sort(Comparator.comparingDouble(QueryHit::score).reversed());
        return hits.size() > topK ? List.copyOf(hits.subList(0, topK)) : List.copyOf(hits);
    }

    /** The fused score of every candidate, as the class documentation defines it, in first-seen order. */
    static Map<String, Double> fuse(List<IndexHit> dense, List<IndexHit> keyword) {
        Map<String, Double> denseContribution = contributions(dense);
        Map<String, Double> keywordContribution = contributions(keyword);
        Map<String, Double> fused = new LinkedHashMap<>();
        for (String chunkId : union(denseContribution.keySet(), keywordContribution.keySet())) {
            double d = denseContribution.getOrDefault(chunkId, 0.0);
            double b = keywordContribution.getOrDefault(chunkId, 0.0);
            fused.put(chunkId, 1 - (1 - d) * (1 - b));
        }
        return fused;
    }

    /** Each hit's evidence, clipped to [0, 1], times its rank weight; a chunk listed twice counts at its best rank. */
    private static Map<String, Double> contributions(List<IndexHit> ranked) {
        Map<String, Double> contributions = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            IndexHit hit = ranked.get(i);
            double evidence = Math.max(0.0, Math.min(1.0, hit.similarity()));
            double rankWeight = (RRF_K + 1.0) / (RRF_K + i + 1.0);
            contributions.putIfAbsent(hit.chunkId(), evidence * rankWeight);
        }
        return contributions;
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }
}
