package dev.gleaner.api.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code CrawlAccepted}: the job just accepted. {@code url} is the seed (crawl mode); {@code invalidUrls} lists
 * the batch entries that were not imported (batch mode, possibly empty).
 */
public record CrawlAccepted(
        String jobId, String mode, String status, @Nullable String url, @Nullable List<String> invalidUrls) {}
