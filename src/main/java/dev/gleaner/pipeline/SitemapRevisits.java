package dev.gleaner.pipeline;

import dev.gleaner.crawl.SitemapDiscovery;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.ingest.PageValidators;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.UnchangedSeed;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which sitemap URLs a job need not fetch: those whose sitemap {@code lastmod} is not after the time their dataset's
 * page was last fetched. Only for jobs that follow no links from their seeds (sitemap jobs, crawls with
 * {@code sitemap: only} or {@code maxDepth} 0): a page that is not fetched gives no links, so a crawl that needs them
 * fetches every page. A URL without {@code lastmod}, without a dataset, or whose dataset has no fetch time (stored
 * before fetch times were kept) is fetched.
 */
final class SitemapRevisits {
    private final DatasetStore datasets;
    private final LinkScoper links;

    SitemapRevisits(DatasetStore datasets, LinkScoper links) {
        this.datasets = datasets;
        this.links = links;
    }

    /** The seeds among {@code found} (admitted candidates of {@code discovery}) to confirm without fetching. */
    List<UnchangedSeed> unchanged(
            String knowledgebaseId, CrawlSpec spec, URI site, SitemapDiscovery discovery, List<FoundUrl> found) {
        if (discovery.lastModified().isEmpty() || links.followsLinksFrom(spec, 0)) {
            return List.of();
        }
        Map<String, Instant> lastmodByKey = new HashMap<>();
        discovery.lastModified().forEach((url, lastmod) -> links.keyOf(spec, site, url)
                .ifPresent(key -> lastmodByKey.merge(key, lastmod, (a, b) -> a.isAfter(b) ? a : b)));
        List<FoundUrl> candidates = found.stream()
                .filter(url -> url.skip() == null && lastmodByKey.containsKey(url.key()))
                .toList();
        Map<FoundUrl, Dataset> stored = stored(knowledgebaseId, candidates);
        List<UnchangedSeed> unchanged = new ArrayList<>();
        for (FoundUrl url : candidates) {
            Dataset dataset = stored.get(url);
            Instant lastmod = lastmodByKey.get(url.key());
            if (dataset != null && lastmod != null) {
                confirmed(url, dataset, lastmod).ifPresent(unchanged::add);
            }
        }
        return unchanged;
    }

    /**
     * The stored datasets of {@code urls}, looked up together ({@link DatasetStore#findBySources}): a sitemap may list
     * tens of thousands of URLs. Two URLs with one source key but different URLs (which normalization should not make)
     * would need different answers for datasets stored before keys; the second is looked up on its own.
     */
    private Map<FoundUrl, Dataset> stored(String knowledgebaseId, List<FoundUrl> urls) {
        Map<String, String> urlBySourceKey = new HashMap<>();
        Map<FoundUrl, String> sourceKeys = new HashMap<>();
        Map<FoundUrl, Dataset> stored = new HashMap<>();
        for (FoundUrl url : urls) {
            String sourceKey = links.sourceKey(URI.create(url.url()));
            String earlier = urlBySourceKey.putIfAbsent(sourceKey, url.url());
            if (earlier == null || earlier.equals(url.url())) {
                sourceKeys.put(url, sourceKey);
            } else {
                datasets.findBySource(knowledgebaseId, sourceKey, url.url()).ifPresent(d -> stored.put(url, d));
            }
        }
        Map<String, Dataset> byKey = datasets.findBySources(knowledgebaseId, urlBySourceKey);
        sourceKeys.forEach((url, sourceKey) -> {
            Dataset dataset = byKey.get(sourceKey);
            if (dataset != null) {
                stored.put(url, dataset);
            }
        });
        return stored;
    }

    private static Optional<UnchangedSeed> confirmed(FoundUrl url, Dataset stored, Instant lastmod) {
        PageValidators validators = stored.validators();
        if (validators == null || lastmod.isAfter(validators.fetchedAt())) {
            return Optional.empty();
        }
        return Optional.of(new UnchangedSeed(
                url.key(),
                stored.id(),
                "Not fetched: the sitemap says it was last modified at " + lastmod + ", not after it was fetched at "
                        + validators.fetchedAt() + "; already in the knowledgebase ("
                        + stored.id() + ")"));
    }
}
