package dev.gleaner.jobs;

import java.time.Instant;

/**
 * A frontier URL claimed by one worker until {@code expiresAt}. {@code attempt} counts claims of this URL, this one
 * included. Carries what processing needs of its job and knowledgebase so the worker reads nothing else.
 */
public record Lease(
        String jobId,
        String projectId,
        String knowledgebaseId,
        String urlKey,
        String url,
        int depth,
        int attempt,
        String workerId,
        Instant expiresAt,
        CrawlSpec spec,
        int chunkSize,
        int chunkOverlap,
        String embeddingModelName) {}
