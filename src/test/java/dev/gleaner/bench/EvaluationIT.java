package dev.gleaner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.ingest.MiniLmEmbedder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation harness end to end with the real model over the project's evaluation set (documentation pages with
 * paraphrased, exact-term and heading-style queries): hybrid retrieval must do at least as well as either method
 * alone. The set is large enough that one tie-broken rank does not decide the outcome, unlike a handful of queries.
 */
class EvaluationIT {
    private static final Path EVALUATION_SET = Path.of("src/test/resources/eval");

    @Test
    void hybridIsAtLeastAsGoodAsEitherMethodAlone(@TempDir Path data) {
        EvaluationReport report = Evaluation.evaluate(EVALUATION_SET, new MiniLmEmbedder(), data);

        System.out.print(report.table());
        assertThat(report.imported().pages()).isGreaterThanOrEqualTo(40);
        assertThat(report.queries()).isGreaterThanOrEqualTo(60);
        assertThat(report.hybrid().ndcg10())
                .as(report.table())
                .isGreaterThanOrEqualTo(report.bm25().ndcg10())
                .isGreaterThanOrEqualTo(report.dense().ndcg10());
        assertThat(report.hybrid().recall10())
                .as(report.table())
                .isGreaterThanOrEqualTo(report.bm25().recall10())
                .isGreaterThanOrEqualTo(report.dense().recall10());
    }
}
