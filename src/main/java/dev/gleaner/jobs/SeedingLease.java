package dev.gleaner.jobs;

import java.time.Instant;

/**
 * A job's seeding task claimed by one worker: discovering the URLs its sitemaps list (sitemap mode, or a crawl whose
 * {@code sitemap} policy is not {@code skip}). A job does not finish while its seeding is pending or leased.
 */
public record SeedingLease(
        String jobId, String knowledgebaseId, CrawlSpec spec, int attempt, String workerId, Instant expiresAt) {}
