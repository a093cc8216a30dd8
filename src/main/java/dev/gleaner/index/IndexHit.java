package dev.gleaner.index;

/** A chunk the index found, with its cosine similarity to the query in [-1, 1]. */
public record IndexHit(String chunkId, double similarity) {}
