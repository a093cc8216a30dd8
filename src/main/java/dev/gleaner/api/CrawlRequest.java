package dev.gleaner.api;

import dev.gleaner.jobs.CrawlSpec;
import java.util.List;

/**
 * A validated {@code POST …/crawl} body: the job's spec, the batch URLs to hand to the job service (empty unless batch),
 * and the batch entries refused at the edge (longer than the URL limit), which are reported with the invalid ones.
 */
record CrawlRequest(CrawlSpec spec, List<String> urls, List<String> refusedUrls) {
    CrawlRequest {
        urls = List.copyOf(urls);
        refusedUrls = List.copyOf(refusedUrls);
    }
}
