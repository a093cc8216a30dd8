package dev.gleaner.sources;

import dev.gleaner.jobs.CrawlJob;
import org.jspecify.annotations.Nullable;

/** A source with its newest sync job (null when it never ran), as it is shown. */
public record SourceView(Source source, @Nullable CrawlJob lastJob) {}
