package dev.gleaner.render;

import java.time.Duration;

/**
 * How the headless browser is run.
 *
 * @param executable the Chromium (or Chrome) executable: a path, or a name looked up on the {@code PATH}
 * @param tabs the most pages rendered at once
 * @param timeout the longest rendering of one page, once it has its tab
 * @param maxHtmlChars the largest rendered HTML, in characters
 * @param thirdParty whether a page may load from other hosts than its own
 * @param maxRequests the most requests one page may have fetched; the rest are refused
 * @param requestGap the least time between two requests of rendered pages to one server (a robots.txt
 *     {@code Crawl-delay} may ask for more); zero for none
 */
public record ChromiumSettings(
        String executable,
        int tabs,
        Duration timeout,
        int maxHtmlChars,
        boolean thirdParty,
        int maxRequests,
        Duration requestGap) {
    /** The executable used when none is configured: Debian's package puts {@code chromium} on the {@code PATH}. */
    public static final String DEFAULT_EXECUTABLE = "chromium";

    public ChromiumSettings {
        if (tabs < 1 || maxHtmlChars < 1 || maxRequests < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tabs, timeout, the HTML limit and the request limit must be positive");
        }
        if (requestGap.isNegative()) {
            throw new IllegalArgumentException("the gap between requests to one server must not be negative");
        }
    }
}
