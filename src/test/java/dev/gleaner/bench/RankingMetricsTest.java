package dev.gleaner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static final Map<String, Integer> RELEVANT = Map.of("a", 2, "b", 1);

    @Test
    void recallAndHitCountOnlyTheFirstResultsUpToTheCutoff() {
        List<String> ranked = List.of("x", "b", "y", "z", "w", "a");

        assertThat(RankingMetrics.recall(ranked, RELEVANT, 5)).isEqualTo(0.5);
        assertThat(RankingMetrics.recall(ranked, RELEVANT, 10)).isEqualTo(1.0);
        assertThat(RankingMetrics.hit(ranked, RELEVANT, 1)).isZero();
        assertThat(RankingMetrics.hit(ranked, RELEVANT, 2)).isEqualTo(1.0);
        assertThat(RankingMetrics.recall(ranked, Map.of(), 10)).isZero();
    }

    @Test
    void ndcgIsOneForTheIdealOrderAndLowerWhenTheBestUnitComesLater() {
        assertThat(RankingMetrics.ndcg(List.of("a", "b", "x"), RELEVANT, 10)).isEqualTo(1.0);
        double ideal = 2 + 1 / log2(3);
        assertThat(RankingMetrics.ndcg(List.of("b", "a"), RELEVANT, 10))
                .isCloseTo((1 + 2 / log2(3)) / ideal, within(1e-9));
        assertThat(RankingMetrics.ndcg(List.of("x", "y"), RELEVANT, 10)).isZero();
    }

    @Test
    void aRankingFoldsChunksIntoUnitsAtTheirFirstRankWithTheirBestScore() {
        Ranking ranking = Ranking.of(List.of(
                new Ranking.Scored("p#a", 0.4),
                new Ranking.Scored("p#b", 0.9),
                new Ranking.Scored("p#a", 0.7),
                new Ranking.Scored("q#c", 0.2)));

        assertThat(ranking.units()).containsExactly("p#a", "p#b", "q#c");
        assertThat(ranking.scored().getFirst().score()).isEqualTo(0.7);
        assertThat(ranking.above(0.5).units()).containsExactly("p#a", "p#b");
        assertThat(ranking.coarsened(unit -> unit.substring(0, 1)).units()).containsExactly("p", "q");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
