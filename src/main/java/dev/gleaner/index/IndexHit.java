package dev.gleaner.index;

/**
 * A chunk the index found, with the index's own measure of how well it matches: for {@link SearchIndex#nearest} the
 * cosine similarity to the query vector in [-1, 1]; for {@link SearchIndex#matching} the share of the query's terms
 * the chunk holds in [0, 1].
 */
public record IndexHit(String chunkId, double similarity) {}
