package dev.gleaner.pipeline;

import dev.gleaner.crawl.SiteHeaders;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.JobMode;
import java.net.URI;

/**
 * The site a job's headers belong to. A crawl or sitemap job's site is its seed ({@code url}), with its subdomains
 * when the job allows them; every URL the job fetches, robots.txt and sitemaps included, asks {@link SiteHeaders}
 * whether it is on that site. A batch has no one seed: each of its URLs is its own seed, so each gets the headers on
 * its own host, and only there (a redirect to another host, even to that of another URL of the batch, gets none).
 */
final class JobHeaders {
    private JobHeaders() {}

    /** The headers of {@code spec} as they apply to the fetch of {@code url} (a URL of the job). */
    static SiteHeaders of(CrawlSpec spec, URI url) {
        if (spec.headers().values().isEmpty()) {
            return SiteHeaders.NONE;
        }
        String seed = spec.url();
        URI site = spec.mode() == JobMode.BATCH || seed == null ? url : URI.create(seed);
        return new SiteHeaders(spec.headers().values(), site, spec.allowSubdomains());
    }
}
