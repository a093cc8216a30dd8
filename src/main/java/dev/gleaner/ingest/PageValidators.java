package dev.gleaner.ingest;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What identifies the version of a crawled page a dataset holds: the {@code ETag} and {@code Last-Modified} its server
 * sent (each null when absent) and when it was fetched. The next crawl sends them back to ask whether the page
 * changed, and a sitemap's {@code lastmod} is compared with {@code fetchedAt}.
 *
 * <p>{@code links} are the absolute URLs that version links to, in page order (none when it asks that its links not
 * be followed), recorded with it so that a crawl told by a 304 that the page is unchanged can still follow its links.
 * Null means nothing to record: a version confirmed by a 304 keeps the links recorded when it was read, and a dataset
 * read back from the store carries none ({@link DatasetStore#pageLinks} looks them up).
 */
public record PageValidators(
        @Nullable String etag, @Nullable String lastModified, Instant fetchedAt, @Nullable List<String> links) {
    public PageValidators {
        links = links == null ? null : List.copyOf(links);
    }

    /** Validators recording no links. */
    public PageValidators(@Nullable String etag, @Nullable String lastModified, Instant fetchedAt) {
        this(etag, lastModified, fetchedAt, null);
    }
}
