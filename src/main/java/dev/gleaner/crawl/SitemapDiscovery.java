package dev.gleaner.crawl;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@link SitemapReader#discover} found.
 *
 * @param urls the page URLs the sitemaps list, as written there, in reading order, each once
 * @param sitemaps the sitemap files that were read and parsed (indexes included), in reading order
 * @param problems what went wrong, one sentence each: a sitemap that could not be fetched or parsed, one that was
 *     ignored because it is on another site, a cap that was reached
 * @param lastModified the {@code lastmod} the sitemaps give for some of {@code urls} (keyed as written there); a URL
 *     without one (or with one that is not a date) is not in it
 */
public record SitemapDiscovery(
        List<String> urls, List<String> sitemaps, List<String> problems, Map<String, Instant> lastModified) {
    public SitemapDiscovery {
        urls = List.copyOf(urls);
        sitemaps = List.copyOf(sitemaps);
        problems = List.copyOf(problems);
        lastModified = Map.copyOf(lastModified);
    }

    /** A discovery that knows no {@code lastmod}. */
    public SitemapDiscovery(List<String> urls, List<String> sitemaps, List<String> problems) {
        this(urls, sitemaps, problems, Map.of());
    }
}
