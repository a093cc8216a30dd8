package dev.gleaner.jobs;

/**
 * A sitemap URL the job does not fetch: the sitemap says it was last modified no later than when its dataset
 * {@code datasetId} was fetched. {@code key} is the URL's key among the job's seeds; it ends {@code unchanged},
 * confirming that dataset, with {@code reason}.
 */
public record UnchangedSeed(String key, String datasetId, String reason) {}
