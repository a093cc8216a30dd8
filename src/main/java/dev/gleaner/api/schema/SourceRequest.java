package dev.gleaner.api.schema;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code CrawlRequest} as a source shows its saved request: every field the request had, with each header value
 * (the crawl's and the webhook's) shown as {@code ***}; {@code url} or {@code urls} by mode.
 */
public record SourceRequest(
        String mode,
        @Nullable String url,
        @Nullable List<String> urls,
        int limit,
        int maxDepth,
        List<String> includePaths,
        List<String> excludePaths,
        boolean allowSubdomains,
        boolean crawlEntireDomain,
        String sitemap,
        boolean ignoreQueryParameters,
        @Nullable SourceWebhook webhook,
        @Nullable Map<String, String> headers) {}
