package dev.gleaner.jobs;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated crawl or import request, as the job keeps it. {@code url} is the seed (crawl, sitemap); batch seeds are
 * the job's initial frontier. {@code includePaths}/{@code excludePaths} are regexes on the URL path. {@code webhook},
 * when present, is where the job's events are delivered. {@code sourceId} names the source a sync job runs (absent
 * for a one-off crawl); {@code headers} are sent to the seed's site only; {@code render} says when pages are loaded in
 * a headless browser. A spec stored before a field existed reads back with its default (no source, no headers,
 * {@link RenderMode#AUTO}).
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
        @Nullable WebhookTarget webhook,
        @Nullable String sourceId,
        CrawlHeaders headers,
        RenderMode render) {
    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 100_000;
    public static final int DEFAULT_MAX_DEPTH = 10;

    @SuppressWarnings("ConstantValue") // a spec read from JSON written before these fields existed has them null
    public CrawlSpec {
        includePaths = List.copyOf(includePaths);
        excludePaths = List.copyOf(excludePaths);
        headers = headers == null ? CrawlHeaders.NONE : headers;
        render = render == null ? RenderMode.AUTO : render;
    }

    /** A one-off spec (no source), without headers, rendering when needed. */
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
            boolean ignoreQueryParameters,
            @Nullable WebhookTarget webhook) {
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
                webhook,
                null,
                CrawlHeaders.NONE,
                RenderMode.AUTO);
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

    /** This spec as run by the source {@code id}. */
    public CrawlSpec withSourceId(String id) {
        return with(webhook, id, headers);
    }

    /** This spec with {@code newHeaders} and {@code newWebhook} (the parts that carry secrets) instead of its own. */
    public CrawlSpec withSecrets(CrawlHeaders newHeaders, @Nullable WebhookTarget newWebhook) {
        return with(newWebhook, sourceId, newHeaders);
    }

    private CrawlSpec with(@Nullable WebhookTarget newWebhook, @Nullable String newSourceId, CrawlHeaders newHeaders) {
        return new CrawlSpec(
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
                newWebhook,
                newSourceId,
                newHeaders,
                render);
    }
}
