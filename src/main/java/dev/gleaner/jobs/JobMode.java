package dev.gleaner.jobs;

import java.util.Locale;
import java.util.Optional;

/** How a job finds its URLs. */
public enum JobMode {
    /** Follow links from one seed URL. */
    CRAWL,
    /** Import the URLs listed by the site's sitemaps. */
    SITEMAP,
    /** Import a given list of URLs. */
    BATCH;

    /** The word used on the wire and in the store. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<JobMode> parse(String wire) {
        for (JobMode mode : values()) {
            if (mode.wire().equals(wire)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
