package dev.gleaner.crawl;

import java.util.List;

/**
 * What {@link SitemapReader#discover} found.
 *
 * @param urls the page URLs the sitemaps list, as written there, in reading order, each once
 * @param sitemaps the sitemap files that were read and parsed (indexes included), in reading order
 * @param problems what went wrong, one sentence each: a sitemap that could not be fetched or parsed, one that was
 *     ignored because it is on another site, a cap that was reached
 */
public record SitemapDiscovery(List<String> urls, List<String> sitemaps, List<String> problems) {
    public SitemapDiscovery {
        urls = List.copyOf(urls);
        sitemaps = List.copyOf(sitemaps);
        problems = List.copyOf(problems);
    }
}
