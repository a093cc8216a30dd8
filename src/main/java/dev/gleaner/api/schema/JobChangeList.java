package dev.gleaner.api.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code JobChangeList}: the job's counts ({@code changes}, and {@code failed}) on top, then a page of the URLs
 * of one kind of change in admission order; {@code nextCursor} is omitted on the last page.
 */
public record JobChangeList(JobChanges changes, long failed, List<JobChange> pages, @Nullable String nextCursor) {
    public JobChangeList {
        pages = List.copyOf(pages);
    }
}
