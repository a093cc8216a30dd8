package dev.gleaner.ingest;

/** A chunk with its embedding vector (unit length, {@code vector.length} = the model's dimensions). */
public record EmbeddedChunk(Chunk chunk, float[] vector) {}
