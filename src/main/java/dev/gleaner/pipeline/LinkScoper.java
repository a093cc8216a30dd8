package dev.gleaner.pipeline;

import dev.gleaner.crawl.NormalizedUrl;
import dev.gleaner.crawl.RobotsPolicy;
import dev.gleaner.crawl.RobotsRules;
import dev.gleaner.crawl.Scope;
import dev.gleaner.crawl.TrapGuard;
import dev.gleaner.crawl.UrlNormalizer;
import dev.gleaner.ingest.ExtractedPage;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.JobMode;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.SitemapPolicy;
import dev.gleaner.jobs.SkipReason;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns URLs a job comes across (a page's links, its canonical URL, a sitemap's entries) into what the job should
 * know about: normalized, deduplicated, each either a candidate or skipped with its reason — out of scope (including
 * crawler traps) or disallowed by robots.txt. Only crawl jobs follow links, only below {@code maxDepth}, never with
 * {@code sitemap: only}, and never from a page that asks not to be followed.
 */
public final class LinkScoper {
    /** The most links taken from one page; the rest are ignored (a guard against link farms). */
    public static final int MAX_LINKS_PER_PAGE = 2_000;

    private final UrlNormalizer normalizer;
    private final TrapGuard traps;
    private final RobotsPolicy robots;

    public LinkScoper(UrlNormalizer normalizer, TrapGuard traps, RobotsPolicy robots) {
        this.normalizer = normalizer;
        this.traps = traps;
        this.robots = robots;
    }

    /** The page's links as the job should record them. */
    public List<FoundUrl> scope(Lease lease, URI pageUrl, ExtractedPage page) {
        CrawlSpec spec = lease.spec();
        if (!followsLinksFrom(lease) || page.nofollow()) {
            return List.of();
        }
        return admit(spec, pageUrl, page.links(), lease.depth() + 1, MAX_LINKS_PER_PAGE);
    }

    /**
     * The links recorded with a version of the leased page that its server said is unchanged, as the job should record
     * them: scoped as {@link #scope} scopes a fetched page's links ({@code recorded} holds none when that version asked
     * that its links not be followed).
     */
    public List<FoundUrl> scopeRecorded(Lease lease, URI pageUrl, List<String> recorded) {
        if (!followsLinksFrom(lease)) {
            return List.of();
        }
        return admit(lease.spec(), pageUrl, recorded, lease.depth() + 1, MAX_LINKS_PER_PAGE);
    }

    /** Whether the links of the leased page are followed (unless the page itself asks not to be followed). */
    public boolean followsLinksFrom(Lease lease) {
        return followsLinksFrom(lease.spec(), lease.depth());
    }

    /** Whether the job follows the links of its pages at {@code depth}. */
    public boolean followsLinksFrom(CrawlSpec spec, int depth) {
        return followsLinks(spec) && depth < spec.maxDepth();
    }

    /** The key {@code href} (relative to {@code base}) has among the job's URLs, when it is a URL the job can have. */
    public Optional<String> keyOf(CrawlSpec spec, URI base, String href) {
        return normalizer.resolve(base, href, spec.ignoreQueryParameters()).map(NormalizedUrl::key);
    }

    /**
     * The page's canonical URL when it names another URL of the same server that the job may crawl: the job then
     * crawls that URL instead of ingesting this duplicate.
     */
    public Optional<FoundUrl> canonicalElsewhere(Lease lease, URI pageUrl, ExtractedPage page) {
        String canonical = page.canonical();
        if (canonical == null) {
            return Optional.empty();
        }
        Optional<NormalizedUrl> normalized =
                normalizer.resolve(pageUrl, canonical, lease.spec().ignoreQueryParameters());
        Optional<NormalizedUrl> self =
                normalizer.normalize(pageUrl.toString(), lease.spec().ignoreQueryParameters());
        if (normalized.isEmpty()
                || self.isEmpty()
                || normalized.get().key().equals(self.get().key())
                || normalized.get().key().equals(lease.urlKey())
                || !normalized.get().server().equals(self.get().server())) {
            return Optional.empty();
        }
        List<FoundUrl> found = admit(lease.spec(), pageUrl, List.of(canonical), lease.depth(), 1);
        return found.stream().filter(f -> f.skip() == null).findFirst();
    }

    /**
     * The key a page's dataset is stored under: its final URL normalized as URL keys are (query parameters kept, as
     * whether a job ignores them is the job's choice, not the page's); the URL itself when it cannot be normalized.
     */
    public String sourceKey(URI finalUrl) {
        return normalizer
                .normalize(finalUrl.toString(), false)
                .map(NormalizedUrl::key)
                .orElse(finalUrl.toString());
    }

    /**
     * Why a page that redirected to {@code finalUrl} is outside the job's scope, or empty when it is inside (or the
     * job has no scope: batch imports).
     */
    public Optional<String> redirectedOutOfScope(Lease lease, URI finalUrl) {
        CrawlSpec spec = lease.spec();
        if (spec.url() == null
                || spec.mode() == JobMode.BATCH
                || finalUrl.toString().equals(lease.url())) {
            return Optional.empty();
        }
        Optional<NormalizedUrl> normalized = normalizer.normalize(finalUrl.toString(), spec.ignoreQueryParameters());
        if (normalized.isPresent() && verdict(spec, scope(spec), normalized.get()) == SkipReason.OUT_OF_SCOPE) {
            return Optional.of("Redirected out of the crawl's scope to " + finalUrl);
        }
        return Optional.empty();
    }

    /** URLs listed by sitemaps, as seeds of the job. */
    public List<FoundUrl> sitemapUrls(CrawlSpec spec, URI site, Collection<String> urls, int max) {
        return admit(spec, site, urls, 0, max);
    }

    private static @org.jspecify.annotations.Nullable Scope scope(CrawlSpec spec) {
        String seed = spec.url();
        return seed == null
                ? null
                : new Scope(
                        URI.create(seed),
                        spec.allowSubdomains(),
                        spec.crawlEntireDomain() || spec.mode() == JobMode.SITEMAP,
                        spec.includePaths(),
                        spec.excludePaths());
    }

    private List<FoundUrl> admit(CrawlSpec spec, URI base, Collection<String> hrefs, int depth, int max) {
        Scope scope = scope(spec);
        Map<String, FoundUrl> found = new LinkedHashMap<>();
        for (String href : hrefs) {
            if (found.size() >= max) {
                break;
            }
            Optional<NormalizedUrl> normalized = normalizer.resolve(base, href, spec.ignoreQueryParameters());
            if (normalized.isEmpty() || found.containsKey(normalized.get().key())) {
                continue;
            }
            NormalizedUrl url = normalized.get();
            found.put(
                    url.key(),
                    new FoundUrl(url.uri().toString(), url.key(), url.server(), depth, verdict(spec, scope, url)));
        }
        return new ArrayList<>(found.values());
    }

    private @org.jspecify.annotations.Nullable SkipReason verdict(
            CrawlSpec spec, @org.jspecify.annotations.Nullable Scope scope, NormalizedUrl url) {
        if ((scope != null && !scope.allows(url.uri())) || traps.trap(url.uri()).isPresent()) {
            return SkipReason.OUT_OF_SCOPE;
        }
        RobotsRules rules = robots.rulesFor(url.uri(), JobHeaders.of(spec, url.uri()));
        // An unreadable robots.txt or an unreachable server is decided when the URL is fetched, after retries.
        if (rules.status().answered() && !rules.allows(url.uri())) {
            return SkipReason.ROBOTS;
        }
        return null;
    }

    private static boolean followsLinks(CrawlSpec spec) {
        return spec.mode() == JobMode.CRAWL && spec.sitemap() != SitemapPolicy.ONLY;
    }
}
