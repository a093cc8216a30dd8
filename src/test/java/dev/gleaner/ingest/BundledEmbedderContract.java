package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every bundled in-process model must do; each model's test class names the model and what it should be called.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BundledEmbedderContract {
    private final ExecutorService pool = EmbeddingThreads.sized(4);
    /** Loaded once for the class: loading the model takes a while. */
    private final Embedder embedder = load(pool);

    abstract Embedder load(ExecutorService pool);

    abstract String expectedName();

    @AfterAll
    void stopThePool() {
        pool.shutdownNow();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static double length(float[] vector) {
        return Math.sqrt(cosine(vector, vector));
    }

    @Test
    void isTheNamed384DimensionModel() {
        List<float[]> vectors = embedder.embed(List.of("hello world"));

        assertThat(embedder.modelName()).isEqualTo(expectedName());
        assertThat(embedder.dimensions()).isEqualTo(384);
        assertThat(vectors).singleElement().satisfies(vector -> assertThat(vector)
                .hasSize(384));
    }

    @Test
    void vectorsHaveUnitLength() {
        List<float[]> vectors =
                embedder.embed(List.of("a", "A much longer sentence about the weather in spring.", "42"));

        assertThat(vectors).allSatisfy(vector -> assertThat(length(vector)).isCloseTo(1.0, within(1e-5)));
    }

    @Test
    void aBatchGivesTheSameVectorsAsOneByOne() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            texts.add("Passage number " + i + " talks about topic " + (i % 7) + " in some detail.");
        }

        List<float[]> batch = embedder.embed(texts);

        assertThat(batch).hasSize(100);
        for (int i = 0; i < texts.size(); i += 9) {
            float[] single = embedder.embed(List.of(texts.get(i))).getFirst();
            assertThat(cosine(batch.get(i), single)).as("text %d", i).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void aQuestionIsClosestToThePassageThatAnswersIt() {
        List<float[]> vectors = embedder.embed(List.of(
                "How do I reset my password?",
                "To reset your password, open Settings, choose Account and click 'Forgot password'.",
                "Our office is closed on public holidays and weekends.",
                "The recipe needs two eggs, flour, sugar and a pinch of salt."));

        double answer = cosine(vectors.get(0), vectors.get(1));

        assertThat(answer).isGreaterThan(cosine(vectors.get(0), vectors.get(2)));
        assertThat(answer).isGreaterThan(cosine(vectors.get(0), vectors.get(3)));
    }

    @Test
    void aQuestionEmbeddedAsAQueryIsClosestToThePassageThatAnswersIt() {
        float[] question = embedder.embedQuery("How do I reset my password?");
        List<float[]> passages = embedder.embed(List.of(
                "To reset your password, open Settings, choose Account and click 'Forgot password'.",
                "Our office is closed on public holidays and weekends.",
                "The recipe needs two eggs, flour, sugar and a pinch of salt."));

        double answer = cosine(question, passages.get(0));

        assertThat(length(question)).isCloseTo(1.0, within(1e-5));
        assertThat(answer).isGreaterThan(cosine(question, passages.get(1)));
        assertThat(answer).isGreaterThan(cosine(question, passages.get(2)));
        assertThat(answer)
                .as("the answer is more related than unrelated texts are, by the model's own measure")
                .isGreaterThan(embedder.unrelatedSimilarity());
    }

    @Test
    void isSafeToUseFromManyThreads() throws Exception {
        List<String> texts = List.of("one text", "another text", "a third text");
        List<float[]> expected = embedder.embed(texts);
        ExecutorService callers = EmbeddingThreads.sized(4);
        try {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> embedder.embed(texts)));
            }
            for (Future<List<float[]>> result : results) {
                List<float[]> vectors = result.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(cosine(vectors.get(i), expected.get(i))).isCloseTo(1.0, within(1e-5));
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anEmptyListGivesNoVectors() {
        assertThat(embedder.embed(List.of())).isEmpty();
    }

    @Test
    void refusesABlankText() {
        assertThatThrownBy(() -> embedder.embed(List.of("fine", "  "))).isInstanceOf(IllegalArgumentException.class);
    }
}
