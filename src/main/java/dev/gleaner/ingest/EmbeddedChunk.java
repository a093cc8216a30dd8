package dev.gleaner.ingest;

/** A chunk with its embedding vector (unit length, {@code vector.length} = the model's dimensions). */
@SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
public record EmbeddedChunk(Chunk chunk, float[] vector) {}
