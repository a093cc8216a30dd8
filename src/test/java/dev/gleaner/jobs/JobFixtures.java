package dev.gleaner.jobs;

import dev.gleaner.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Jobs, specs and URLs for tests of the job core. Times are whole milliseconds, as the stores keep them. */
public final class JobFixtures {
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000Z");

    private JobFixtures() {}

    /** A crawl of site-a.test/docs/ without sitemaps, admitting at most {@code limit} URLs. */
    public static CrawlSpec spec(int limit) {
        return spec(JobMode.CRAWL, limit);
    }

    /** A job of {@code mode} on site-a.test without sitemaps, admitting at most {@code limit} URLs. */
    public static CrawlSpec spec(JobMode mode, int limit) {
        return new CrawlSpec(
                mode,
                mode == JobMode.BATCH ? null : "https://site-a.test/docs/",
                limit,
                3,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.SKIP,
                true);
    }

    /** A job reading the sitemaps of https://a.test/, admitting at most 10 URLs. */
    public static CrawlSpec sitemapSpec() {
        return new CrawlSpec(
                JobMode.SITEMAP,
                "https://a.test/",
                10,
                3,
                List.of(),
                List.of(),
                false,
                false,
                SitemapPolicy.INCLUDE,
                false);
    }

    /** A queued job of a knowledgebase {@code kb_1} of project {@code proj_1}. */
    public static CrawlJob job(int limit, Instant at) {
        return CrawlJob.queued(Ids.next("job"), "proj_1", "kb_1", spec(limit), at);
    }

    public static FoundUrl url(String host, String path) {
        return FoundUrl.candidate("https://" + host + path, host + path, host, 1);
    }

    /** {@code count} distinct URLs of {@code host}: /p0, /p1, … */
    public static List<FoundUrl> urls(String host, int count) {
        List<FoundUrl> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add(url(host, "/p" + i));
        }
        return urls;
    }
}
