package dev.gleaner.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Averages {@link RankingMetrics} over the answerable questions of a set, for one method's rankings. */
record Scorer(Map<String, Map<String, Integer>> relevance, Map<String, Evaluation.Methods> answers) {
    Scorer {
        relevance = Map.copyOf(relevance);
        answers = Map.copyOf(answers);
    }

    EvaluationReport.Scores score(Function<Evaluation.Methods, Ranking> method) {
        double ndcg = 0;
        double recall5 = 0;
        double recall10 = 0;
        double hit5 = 0;
        double returned = 0;
        for (var answer : answers.entrySet()) {
            List<String> ranked = method.apply(answer.getValue()).units();
            Map<String, Integer> relevant = relevance.getOrDefault(answer.getKey(), Map.of());
            ndcg += RankingMetrics.ndcg(ranked, relevant, Evaluation.CUTOFF);
            recall5 += RankingMetrics.recall(ranked, relevant, 5);
            recall10 += RankingMetrics.recall(ranked, relevant, Evaluation.CUTOFF);
            hit5 += RankingMetrics.hit(ranked, relevant, 5);
            returned += Math.min(Evaluation.CUTOFF, ranked.size());
        }
        int n = Math.max(1, answers.size());
        return new EvaluationReport.Scores(ndcg / n, recall5 / n, recall10 / n, hit5 / n, returned / n);
    }

    /**
     * The same questions judged by a coarser unit ({@code coarser} of a unit, e.g. its page): a coarse unit's grade is
     * the best of its units'.
     */
    Scorer coarsened(UnaryOperator<String> coarser) {
        Map<String, Map<String, Integer>> coarse = new HashMap<>();
        relevance.forEach((question, judged) -> judged.forEach((unit, grade) ->
                coarse.computeIfAbsent(question, q -> new HashMap<>()).merge(coarser.apply(unit), grade, Math::max)));
        Map<String, Evaluation.Methods> coarseAnswers = new HashMap<>();
        answers.forEach((question, m) -> coarseAnswers.put(
                question,
                new Evaluation.Methods(
                        m.bm25().coarsened(coarser),
                        m.dense().coarsened(coarser),
                        m.hybrid().coarsened(coarser))));
        return new Scorer(coarse, coarseAnswers);
    }

    /** The share of answerable questions the method returns nothing for. */
    double emptyShare(Function<Evaluation.Methods, Ranking> method) {
        long empty = answers.values().stream()
                .filter(m -> method.apply(m).scored().isEmpty())
                .count();
        return (double) empty / Math.max(1, answers.size());
    }
}
