package dev.gleaner.bench;

import java.util.List;
import java.util.Map;

/** Ranking quality of one ranked list of document ids against graded relevance judgements (as trec_eval counts). */
final class RankingMetrics {
    private RankingMetrics() {}

    /** Normalised discounted cumulative gain of the first {@code cutoff} documents; the gain is the grade. */
    static double ndcg(List<String> ranked, Map<String, Integer> relevant, int cutoff) {
        double dcg = 0;
        for (int i = 0; i < Math.min(cutoff, ranked.size()); i++) {
            dcg += relevant.getOrDefault(ranked.get(i), 0) / log2(i + 2);
        }
        List<Integer> ideal = relevant.values().stream()
                .sorted((a, b) -> Integer.compare(b, a))
                .limit(cutoff)
                .toList();
        double idcg = 0;
        for (int i = 0; i < ideal.size(); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** The share of the relevant documents found among the first {@code cutoff}. */
    static double recall(List<String> ranked, Map<String, Integer> relevant, int cutoff) {
        if (relevant.isEmpty()) {
            return 0;
        }
        long found = ranked.stream().limit(cutoff).filter(relevant::containsKey).count();
        return (double) found / relevant.size();
    }

    /** 1 when a relevant document is among the first {@code cutoff}, else 0. */
    static double hit(List<String> ranked, Map<String, Integer> relevant, int cutoff) {
        return ranked.stream().limit(cutoff).anyMatch(relevant::containsKey) ? 1 : 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
