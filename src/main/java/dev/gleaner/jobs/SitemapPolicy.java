package dev.gleaner.jobs;

import java.util.Locale;
import java.util.Optional;

/** Whether a crawl also seeds itself from the site's sitemaps. */
public enum SitemapPolicy {
    INCLUDE,
    SKIP,
    ONLY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SitemapPolicy> parse(String wire) {
        for (SitemapPolicy policy : values()) {
            if (policy.wire().equals(wire)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
