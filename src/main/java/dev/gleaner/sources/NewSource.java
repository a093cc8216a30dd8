package dev.gleaner.sources;

import dev.gleaner.jobs.CrawlSpec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The definition of a source as a client gives it: an optional name, the validated request, and its schedule. */
public record NewSource(@Nullable String name, CrawlSpec spec, List<String> urls, Schedule schedule) {
    public NewSource {
        urls = List.copyOf(urls);
    }
}
