package dev.gleaner.jobs;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated crawl or import request, as the job keeps it. {@code url} is the seed (crawl, sitemap); batch seeds are
 * the job's initial frontier. {@code includePaths}/{@code excludePaths} are regexes on the URL path. {@code webhook},
 * when present, is where the job's events are delivered.
 */
public record CrawlSpec(
        JobMode mode,
        @Nullable String url,
        int limit,
        int maxDepth,
        List<String> includePaths,
        List<String> excludePaths,
        boolean allowSubdomains,
        boolean crawlEntireDomain,
        SitemapPolicy sitemap,
        boolean ignoreQueryParameters,
        @Nullable WebhookTarget webhook) {
    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 100_000;
    public static final int DEFAULT_MAX_DEPTH = 10;

    public CrawlSpec {
        includePaths = List.copyOf(includePaths);
        excludePaths = List.copyOf(excludePaths);
    }

    /** A spec without a webhook. */
    public CrawlSpec(
            JobMode mode,
            @Nullable String url,
            int limit,
            int maxDepth,
            List<String> includePaths,
            List<String> excludePaths,
            boolean allowSubdomains,
            boolean crawlEntireDomain,
            SitemapPolicy sitemap,
            boolean ignoreQueryParameters) {
        this(
                mode,
                url,
                limit,
                maxDepth,
                includePaths,
                excludePaths,
                allowSubdomains,
                crawlEntireDomain,
                sitemap,
                ignoreQueryParameters,
                null);
    }
}
