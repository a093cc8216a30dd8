package dev.gleaner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.ingest.EmbeddingThreads;
import dev.gleaner.ingest.MiniLmQuantizedEmbedder;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation harness end to end — a loopback site imported by a running Gleaner, then queried through the index,
 * the store and the {@code Retriever} — over both evaluation sets: hybrid retrieval must rank at least as well as
 * either method alone, and find a relevant unit for most questions. The sets are large enough (72 and 144 questions)
 * that one tie-broken rank does not decide the outcome.
 *
 * <p>It runs the bundled quantized model ({@value MiniLmQuantizedEmbedder#MODEL_NAME}): about twice as fast as the
 * full model on a loaded 2-core machine (both sets in well under three minutes), and within 0.01 nDCG@10 of it on
 * both sets. {@code bin/bench eval} measures the full model. The floors are the numbers measured when the sets were
 * written, less a margin for other models and chunking changes; they catch a broken pipeline or harness, not a small
 * regression.
 */
class EvaluationIT {
    private static final Path PLAIN_SET = Path.of("src/test/resources/eval");
    private static final Path DOCUMENTATION_SITE = Path.of("src/test/resources/eval-docs");

    private static ExecutorService threads;
    private static MiniLmQuantizedEmbedder model;

    @BeforeAll
    static void loadModel() {
        threads = EmbeddingThreads.sizedToProcessors();
        model = new MiniLmQuantizedEmbedder(threads);
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdown();
    }

    @Test
    void onPlainDocumentsHybridRanksAtLeastAsWellAsEitherMethodAlone(@TempDir Path data) {
        EvaluationReport report = Evaluation.evaluate(PLAIN_SET, model, data);

        System.out.print(report.table());
        assertThat(report.imported().pages()).isGreaterThanOrEqualTo(40);
        assertThat(report.queries()).isGreaterThanOrEqualTo(60);
        assertHybridAtLeastAsGoodAsEither(report);
        assertThat(report.hybrid().recall10()).as(report.table()).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void onACrawledDocumentationSiteHybridRanksSectionsAtLeastAsWellAsEitherMethodAlone(@TempDir Path data) {
        EvaluationReport report = Evaluation.evaluate(DOCUMENTATION_SITE, model, data);

        System.out.print(report.table());
        assertThat(report.imported().pages())
                .as("pages the crawl from the index page reached and stored")
                .isGreaterThanOrEqualTo(50);
        assertThat(report.queries()).isGreaterThanOrEqualTo(100);
        assertThat(report.unanswerable()).isGreaterThanOrEqualTo(10);
        Placement placement = report.imported().placement();
        assertThat(placement.unplaced())
                .as("chunks whose heading matches no heading of their page, so section scores would not be trusted: "
                        + placement.describe())
                .isLessThanOrEqualTo(placement.chunks() / 10);
        assertHybridAtLeastAsGoodAsEither(report);
        assertThat(report.hybrid().recall10()).as(report.table()).isGreaterThanOrEqualTo(0.72);
        assertThat(report.pageLevel())
                .filteredOn(row -> row.method().equals("hybrid"))
                .singleElement()
                .satisfies(row ->
                        assertThat(row.scores().hit5()).as(report.table()).isGreaterThanOrEqualTo(0.9));
    }

    private static void assertHybridAtLeastAsGoodAsEither(EvaluationReport report) {
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
