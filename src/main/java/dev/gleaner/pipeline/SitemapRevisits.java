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
        List<UnchangedSeed> unchanged = new ArrayList<>();
        for (FoundUrl url : found) {
            Instant lastmod = lastmodByKey.get(url.key());
            if (url.skip() != null || lastmod == null) {
                continue;
            }
            confirmed(knowledgebaseId, url, lastmod).ifPresent(unchanged::add);
        }
        return unchanged;
    }

    private Optional<UnchangedSeed> confirmed(String knowledgebaseId, FoundUrl url, Instant lastmod) {
        URI uri = URI.create(url.url());
        Optional<Dataset> stored = datasets.findBySource(knowledgebaseId, links.sourceKey(uri), url.url());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        PageValidators validators = stored.get().validators();
        if (validators == null || lastmod.isAfter(validators.fetchedAt())) {
            return Optional.empty();
        }
        return Optional.of(new UnchangedSeed(
                url.key(),
                stored.get().id(),
                "Not fetched: the sitemap says it was last modified at " + lastmod + ", not after it was fetched at "
                        + validators.fetchedAt() + "; already in the knowledgebase ("
                        + stored.get().id() + ")"));
    }
}
