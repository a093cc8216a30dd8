package dev.gleaner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.ingest.MiniLmEmbedder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation harness end to end with the real model over a tiny collection mixing exact-term lookups (error
 * codes, an option name) and paraphrased questions: hybrid retrieval must do at least as well as either method alone.
 */
class EvaluationIT {
    private static final Path TINY_SET = Path.of("src/test/resources/eval-tiny");

    @Test
    void hybridIsAtLeastAsGoodAsEitherMethodAlone(@TempDir Path data) {
        Evaluation.Report report = Evaluation.evaluate(TINY_SET, new MiniLmEmbedder(), data);

        System.out.print(report.table());
        assertThat(report.documents()).isEqualTo(5);
        assertThat(report.queries()).isEqualTo(6);
        assertThat(report.hybrid().ndcg())
                .as(report.table())
                .isGreaterThanOrEqualTo(report.bm25().ndcg())
                .isGreaterThanOrEqualTo(report.dense().ndcg());
        assertThat(report.hybrid().recall()).as(report.table()).isEqualTo(1.0);
    }
}
