package dev.gleaner.jobs;

import dev.gleaner.crawl.NormalizedUrl;
import dev.gleaner.crawl.Scope;
import dev.gleaner.crawl.UrlNormalizer;
import dev.gleaner.ingest.ExtractedPage;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the links of a page into the URLs the job should know about: normalized, deduplicated, each either a
 * candidate one hop deeper or skipped as out of scope. Only crawl jobs follow links, only below {@code maxDepth}, and
 * never from a page that asks not to be followed.
 */
public final class LinkScoper {
    /** The most links taken from one page; the rest are ignored (a guard against link farms). */
    public static final int MAX_LINKS_PER_PAGE = 2_000;

    private final UrlNormalizer normalizer;

    public LinkScoper(UrlNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    public List<FoundUrl> scope(Lease lease, URI pageUrl, ExtractedPage page) {
        CrawlSpec spec = lease.spec();
        String seed = spec.url();
        if (spec.mode() != JobMode.CRAWL || seed == null || lease.depth() >= spec.maxDepth() || page.nofollow()) {
            return List.of();
        }
        Scope scope = new Scope(
                URI.create(seed),
                spec.allowSubdomains(),
                spec.crawlEntireDomain(),
                spec.includePaths(),
                spec.excludePaths());
        Map<String, FoundUrl> found = new LinkedHashMap<>();
        int depth = lease.depth() + 1;
        for (String href : page.links()) {
            if (found.size() >= MAX_LINKS_PER_PAGE) {
                break;
            }
            Optional<NormalizedUrl> normalized = normalizer.resolve(pageUrl, href, spec.ignoreQueryParameters());
            if (normalized.isEmpty() || found.containsKey(normalized.get().key())) {
                continue;
            }
            NormalizedUrl url = normalized.get();
            SkipReason skip = scope.allows(url.uri()) ? null : SkipReason.OUT_OF_SCOPE;
            found.put(url.key(), new FoundUrl(url.uri().toString(), url.key(), url.server(), depth, skip));
        }
        return new ArrayList<>(found.values());
    }
}
