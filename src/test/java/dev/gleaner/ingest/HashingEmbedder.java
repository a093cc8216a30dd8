package dev.gleaner.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast, deterministic {@link Embedder} for tests: lower-cased words and word pairs are hashed into the vector, which
 * is then made unit length. Texts sharing words have a higher cosine than texts that share none.
 */
public final class HashingEmbedder implements Embedder {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final float PAIR_WEIGHT = 0.5f;

    private final String modelName;
    private final int dimensions;

    public HashingEmbedder(String modelName, int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be positive");
        }
        this.modelName = modelName;
        this.dimensions = dimensions;
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    private float[] embed(String text) {
        float[] vector = new float[dimensions];
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find()) {
            words.add(word.group());
        }
        for (int i = 0; i < words.size(); i++) {
            addFeature(vector, words.get(i), 1f);
            if (i > 0) {
                addFeature(vector, words.get(i - 1) + ' ' + words.get(i), PAIR_WEIGHT);
            }
        }
        return unitLength(vector);
    }

    private void addFeature(float[] vector, String feature, float weight) {
        long hash = fnv1a(feature);
        int index = (int) Math.floorMod(hash, (long) dimensions);
        vector[index] += (hash >>> 63) == 0 ? weight : -weight;
    }

    private static long fnv1a(String feature) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < feature.length(); i++) {
            hash ^= feature.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static float[] unitLength(float[] vector) {
        double sumOfSquares = 0;
        for (float value : vector) {
            sumOfSquares += value * value;
        }
        if (sumOfSquares == 0) {
            vector[0] = 1;
            return vector;
        }
        float norm = (float) Math.sqrt(sumOfSquares);
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
        return vector;
    }
}
