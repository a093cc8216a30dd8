package dev.gleaner.index;

import dev.gleaner.ingest.SourcedChunk;

/** A query result: the chunk with its source, and its score in [0, 1] (higher is more relevant). */
public record QueryHit(SourcedChunk hit, double score) {}
