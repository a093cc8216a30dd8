package dev.gleaner.ingest;

/** Scales vectors to unit length, so that a dot product is their cosine similarity. */
final class UnitVectors {
    private UnitVectors() {}

    /** A unit-length copy of {@code vector}; an all-zero vector stays all zero (it has no direction). */
    static float[] of(float[] vector) {
        double sumOfSquares = 0;
        for (float value : vector) {
            sumOfSquares += (double) value * value;
        }
        double norm = Math.sqrt(sumOfSquares);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = norm == 0 ? 0 : (float) (vector[i] / norm);
        }
        return unit;
    }
}
