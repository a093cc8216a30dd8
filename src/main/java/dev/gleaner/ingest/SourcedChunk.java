package dev.gleaner.ingest;

import org.jspecify.annotations.Nullable;

/** A chunk with the source fields of its dataset, as a query result needs them. */
public record SourcedChunk(Chunk chunk, @Nullable String sourceUrl, @Nullable String title) {}
