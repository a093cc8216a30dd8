package dev.gleaner.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A method's answer to one question: units best first, each once, with the score of its best chunk. */
record Ranking(List<Scored> scored) {
    /** A unit and a score. */
    record Scored(String unit, double score) {}

    Ranking {
        scored = List.copyOf(scored);
    }

    /** Folds chunk results (best first) into units, each ranked where its first chunk is, with its best score. */
    static Ranking of(List<Scored> chunks) {
        Map<String, Double> best = new LinkedHashMap<>();
        for (Scored chunk : chunks) {
            best.merge(chunk.unit(), chunk.score(), Math::max);
        }
        return new Ranking(best.entrySet().stream()
                .map(e -> new Scored(e.getKey(), e.getValue()))
                .toList());
    }

    List<String> units() {
        return scored.stream().map(Scored::unit).toList();
    }

    /** The same ranking with each unit replaced by {@code coarser} of it (e.g. its page), folded again. */
    Ranking coarsened(UnaryOperator<String> coarser) {
        return of(scored.stream()
                .map(s -> new Scored(coarser.apply(s.unit()), s.score()))
                .toList());
    }

    /** The units scoring at least {@code threshold}, in the same order. */
    Ranking above(double threshold) {
        return new Ranking(scored.stream().filter(s -> s.score() >= threshold).toList());
    }
}
