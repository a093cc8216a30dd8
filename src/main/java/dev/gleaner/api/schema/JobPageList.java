package dev.gleaner.api.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Schema {@code JobPageList}: a page of a job's URLs in admission order; {@code nextCursor} is omitted on the last. */
public record JobPageList(List<JobPage> pages, @Nullable String nextCursor) {
    public JobPageList {
        pages = List.copyOf(pages);
    }
}
