package dev.gleaner.pipeline;

import dev.gleaner.crawl.RobotsPolicy;
import dev.gleaner.crawl.SiteHeaders;
import dev.gleaner.crawl.SitemapDiscovery;
import dev.gleaner.crawl.SitemapReader;
import dev.gleaner.ingest.DatasetStore;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.Frontier;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.SeedingLease;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.UnchangedSeed;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A job's seeding task: reads the sitemaps of the job's site (those robots.txt names, else {@code /sitemap.xml}) and
 * admits the URLs they list as seeds — each still passes scope, traps, robots.txt and deduplication. A seed whose
 * {@code lastmod} says it has not changed since its dataset was fetched ends {@code unchanged} unfetched
 * ({@link SitemapRevisits}).
 */
public final class SitemapSeeder {
    /** The most sitemap URLs one job takes in (those past its {@code limit} are recorded as over the limit). */
    public static final int MAX_SITEMAP_URLS = 50_000;

    private final RobotsPolicy robots;
    private final SitemapReader sitemaps;
    private final LinkScoper links;
    private final Frontier frontier;
    private final SitemapRevisits revisits;
    private final Clock clock;

    public SitemapSeeder(
            RobotsPolicy robots,
            SitemapReader sitemaps,
            LinkScoper links,
            Frontier frontier,
            DatasetStore datasets,
            Clock clock) {
        this.robots = robots;
        this.revisits = new SitemapRevisits(datasets, links);
        this.sitemaps = sitemaps;
        this.links = links;
        this.frontier = frontier;
        this.clock = clock;
    }

    /** Runs the task and records its end; false when the lease was lost meanwhile. */
    public boolean seed(SeedingLease lease) {
        String url = lease.spec().url();
        if (url == null) {
            return frontier.seeded(lease, List.of(), "The job has no site URL to read sitemaps from", clock.instant());
        }
        String unreadable = lease.spec().headers().unreadable();
        if (unreadable != null) {
            return frontier.seeded(lease, List.of(), "The sitemaps were not read: " + unreadable, clock.instant());
        }
        URI site = URI.create(url);
        SiteHeaders headers = JobHeaders.of(lease.spec(), site);
        List<String> named = robots.rulesFor(site, headers).sitemaps();
        SitemapDiscovery discovery = sitemaps.discover(site, named, headers);
        List<FoundUrl> found = links.sitemapUrls(lease.spec(), site, discovery.urls(), MAX_SITEMAP_URLS);
        List<UnchangedSeed> unchanged =
                revisits.unchanged(lease.knowledgebaseId(), lease.spec(), site, discovery, found);
        return frontier.seeded(
                        lease, found, unchanged, error(lease.spec(), site, named, discovery, found), clock.instant())
                .held();
    }

    /**
     * What went wrong reading the sitemaps, or null: none found a URL (a sitemap job fails saying so), or some could
     * not be read. Kept by the store even when URLs were found, since a sync whose list may be partial must not remove
     * what it did not see. A crawl that follows links and also reads sitemaps, on a site whose robots.txt names none
     * and that has no {@code /sitemap.xml}, has no sitemap to miss: no error.
     */
    private static @Nullable String error(
            CrawlSpec spec, URI site, List<String> named, SitemapDiscovery discovery, List<FoundUrl> found) {
        if (found.isEmpty()) {
            if (spec.mode() == JobMode.CRAWL && spec.sitemap() == SitemapPolicy.INCLUDE && named.isEmpty()) {
                return null;
            }
            return discovery.problems().isEmpty()
                    ? "The sitemaps of " + site + " list no URL"
                    : "No URL from the sitemaps of " + site + ": " + String.join("; ", discovery.problems());
        }
        return discovery.problems().isEmpty()
                ? null
                : "Not every sitemap of " + site + " could be read: " + String.join("; ", discovery.problems());
    }
}
