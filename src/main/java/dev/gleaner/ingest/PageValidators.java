package dev.gleaner.ingest;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What identifies the version of a crawled page a dataset holds: the {@code ETag} and {@code Last-Modified} its server
 * sent (each null when absent) and when it was fetched. The next crawl sends them back to ask whether the page
 * changed, and a sitemap's {@code lastmod} is compared with {@code fetchedAt}.
 */
public record PageValidators(@Nullable String etag, @Nullable String lastModified, Instant fetchedAt) {}
