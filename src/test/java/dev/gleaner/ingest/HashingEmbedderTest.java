package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashingEmbedderTest {
    private final HashingEmbedder embedder = new HashingEmbedder("hashing", 128);

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void vectorsAreUnitLengthAndDeterministic() {
        List<float[]> first = embedder.embed(List.of("Some words here", ""));
        List<float[]> second = embedder.embed(List.of("some WORDS here", ""));

        assertThat(first).allSatisfy(vector -> assertThat(dot(vector, vector)).isCloseTo(1.0, within(1e-5)));
        assertThat(first.getFirst()).containsExactly(second.getFirst());
    }

    @Test
    void textsSharingWordsAreCloser() {
        List<float[]> vectors = embedder.embed(List.of("the red fox jumps", "a red fox sleeps", "quantum tax policy"));

        assertThat(dot(vectors.get(0), vectors.get(1))).isGreaterThan(dot(vectors.get(0), vectors.get(2)));
    }
}
