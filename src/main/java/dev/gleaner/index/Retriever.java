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
 * <p>Each list proposes {@link #CANDIDATE_POOL} candidates whatever {@code topK} is, so a chunk's score and the order
 * of the results never depend on {@code topK}: the results for {@code topK = k} are the first {@code k} of those for
 * any larger {@code topK}, with the same scores.
 *
 * <p>The lists are fused by reciprocal rank fusion with {@link #RRF_K} = 60, each list's reciprocal rank weighted by
 * that list's own evidence so that the score keeps an absolute meaning. For a chunk at rank {@code r} (from 1) in a
 * list, that list's contribution is {@code e · (K + 1) / (K + r)}: its rank weight, 1 at rank 1 and slowly falling,
 * times its evidence {@code e} in [0, 1] — for the dense list the cosine similarity measured from the model's
 * {@link Embedder#unrelatedSimilarity()} ({@code (cos − u) / (1 − u)}, clipped to [0, 1]; bge and e5 rate unrelated
 * texts far above 0), for the BM25 list the idf-weighted share of the question's terms the chunk holds (words the
 * knowledgebase never uses count too, so an off-topic question sharing one common word covers little). A chunk
 * missing from a list gets 0 from it. The two contributions {@code d} and {@code b} combine as
 * {@code score = 1 − (1 − d)(1 − b)}: in [0, 1], 1.0 only for a chunk first in both lists with full evidence in both,
 * never below either contribution alone, and rising with either. So a strong keyword match (an error code the
 * embedding misses) and a strong paraphrase each score high on their own, a chunk both agree on scores higher, and a
 * chunk neither finds relevant scores near 0 whatever its rank: {@code scoreThreshold} (default
 * {@link #DEFAULT_THRESHOLD}) filters on this score. The default was chosen on the evaluation sets
 * ({@code bin/bench eval}): the highest threshold that keeps hybrid recall, at which off-topic questions and nonsense
 * get no result.
 */
public final class Retriever {
    /** The rank constant of reciprocal rank fusion: how slowly a list's weight falls with rank. */
    public static final int RRF_K = 60;
    /**
     * How many candidates each list proposes, whatever the number of results asked for: a chunk's score depends on
     * its ranks in both lists, so the lists must be the same for every {@code topK} for a chunk to get the same score
     * and the results for {@code topK = k} to be the first {@code k} of those for any larger {@code topK}. At least
     * the API's largest {@code topK}.
     */
    public static final int CANDIDATE_POOL = 50;
    /** The query route's {@code scoreThreshold} when none is given; how it was chosen is in the class documentation. */
    public static final double DEFAULT_THRESHOLD = 0.2;
    /**
     * The coverage a chunk reaches by sharing a question's incidental words ("how", "do", "I", "use"…), below which
     * its BM25 evidence counts as none: measured from here to 1, like the dense similarity from the model's
     * unrelated similarity.
     */
    public static final double INCIDENTAL_COVERAGE = 0.2;
    /** Higher score first; equal scores in chunk id order, so that ties never depend on the candidates' order. */
    private static final Comparator<Map.Entry<String, Double>> BEST_FIRST =
            Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue)
                    .reversed()
                    .thenComparing(Map.Entry::getKey);

    private final SearchIndex index;
    private final DatasetStore store;
    private final Map<String, Embedder> embedders;
    private final QueryTimer timer;

    public Retriever(SearchIndex index, DatasetStore store, Map<String, Embedder> embedders) {
        this(index, store, embedders, QueryTimer.untimed());
    }

    /** A retriever whose every query is timed by {@code timer}. */
    public Retriever(SearchIndex index, DatasetStore store, Map<String, Embedder> embedders, QueryTimer timer) {
        this.index = index;
        this.store = store;
        this.embedders = Map.copyOf(embedders);
        this.timer = timer;
    }

    /**
     * The at most {@code topK} confirmed chunks scoring at least {@code threshold}, best first (equal scores by chunk
     * id). Scores and order never depend on {@code topK}.
     */
    public List<QueryHit> query(String knowledgebaseId, String modelName, String question, int topK, double threshold) {
        return timer.time(() -> answer(knowledgebaseId, modelName, question, topK, threshold));
    }

    private List<QueryHit> answer(
            String knowledgebaseId, String modelName, String question, int topK, double threshold) {
        Embedder embedder = embedders.get(modelName);
        if (embedder == null) {
            throw new ServiceException(
                    ErrorCode.UNAVAILABLE,
                    "The embedding model '" + modelName + "' is not available in this deployment");
        }
        float[] vector = embedder.embedQuery(question);
        Map<String, Double> scores = fuse(
                relatedness(index.nearest(knowledgebaseId, vector, CANDIDATE_POOL), embedder.unrelatedSimilarity()),
                relatedness(index.matching(knowledgebaseId, question, CANDIDATE_POOL), INCIDENTAL_COVERAGE));
        List<Map.Entry<String, Double>> ranked = scores.entrySet().stream()
                .filter(candidate -> candidate.getValue() >= threshold)
                .sorted(BEST_FIRST)
                .toList();
        return confirmed(knowledgebaseId, ranked, topK);
    }

    /**
     * The first {@code topK} of {@code ranked} the store confirms, in order. Candidates are looked up a few more than
     * still needed at a time, so a query rarely confirms more than it returns.
     */
    private List<QueryHit> confirmed(String knowledgebaseId, List<Map.Entry<String, Double>> ranked, int topK) {
        List<QueryHit> hits = new ArrayList<>(Math.min(topK, ranked.size()));
        int next = 0;
        while (hits.size() < topK && next < ranked.size()) {
            int end = Math.min(ranked.size(), next + 2 * (topK - hits.size()));
            List<Map.Entry<String, Double>> batch = ranked.subList(next, end);
            Map<String, SourcedChunk> found =
                    store
                            .findEnabledChunks(
                                    knowledgebaseId,
                                    batch.stream().map(Map.Entry::getKey).toList())
                            .stream()
                            .collect(Collectors.toMap(c -> c.chunk().id(), Function.identity()));
            for (Map.Entry<String, Double> candidate : batch) {
                SourcedChunk chunk = found.get(candidate.getKey());
                if (chunk != null && hits.size() < topK) {
                    hits.add(new QueryHit(chunk, candidate.getValue()));
                }
            }
            next = end;
        }
        return List.copyOf(hits);
    }

    /**
     * The hits with their similarity measured from {@code unrelated} (0) to 1 (1): how much more related than
     * unrelated texts the list finds them (negative below it; the fusion clips it to 0).
     */
    static List<IndexHit> relatedness(List<IndexHit> hits, double unrelated) {
        if (unrelated == 0) {
            return hits;
        }
        return hits.stream()
                .map(hit -> new IndexHit(hit.chunkId(), (hit.similarity() - unrelated) / (1 - unrelated)))
                .toList();
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
