package dev.gleaner.bench;

import dev.gleaner.ingest.Embedder;
import dev.gleaner.ingest.MiniLmEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An embedder that runs no model, for measuring everything but the model: each text gets a unit vector of the bundled
 * model's 384 dimensions drawn from a generator seeded with the text's hash (microseconds per text; equal texts get
 * equal vectors), under the bundled model's name so knowledgebases take it as their default.
 */
final class NoModelEmbedder implements Embedder {
    @Override
    public String modelName() {
        return MiniLmEmbedder.MODEL_NAME;
    }

    @Override
    public int dimensions() {
        return MiniLmEmbedder.DIMENSIONS;
    }

    @Override
    public double unrelatedSimilarity() {
        return MiniLmEmbedder.UNRELATED_SIMILARITY;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(randomUnitVector(new SplittableRandom(text.hashCode()), MiniLmEmbedder.DIMENSIONS));
        }
        return vectors;
    }

    /** A vector of {@code dimensions} components in [-1, 1), scaled to unit length. */
    static float[] randomUnitVector(SplittableRandom random, int dimensions) {
        float[] vector = new float[dimensions];
        double sumOfSquares = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            sumOfSquares += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(sumOfSquares));
        for (int i = 0; i < dimensions; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
