package dev.gleaner.jobs;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of a job's URLs in admission order; {@code nextCursor} is null on the last page. */
public record PageListing(List<PageRecord> pages, @Nullable String nextCursor) {}
