package dev.gleaner.ingest;

import java.time.Duration;

/**
 * Named limits of {@link HtmlExtractor}, which keep one hostile or huge page from holding a worker.
 *
 * @param maxTextChars the text kept from one page; longer text is cut at a word boundary
 * @param maxLinks the links kept from one page
 * @param maxDepth elements nested deeper than this are laid out flat under their ancestor at this depth, as browsers
 *     do, so every walk over the page is linear in its size and its stack is bounded
 * @param timeout extraction of one page gives up once it has taken this long (parsing included)
 */
public record HtmlLimits(int maxTextChars, int maxLinks, int maxDepth, Duration timeout) {
    public static final int DEFAULT_MAX_TEXT_CHARS = 1_000_000;
    public static final int DEFAULT_MAX_LINKS = 10_000;

    /** Chromium's limit on the depth of the DOM its parser builds. */
    public static final int DEFAULT_MAX_DEPTH = 512;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static final HtmlLimits DEFAULTS =
            new HtmlLimits(DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_LINKS, DEFAULT_MAX_DEPTH, DEFAULT_TIMEOUT);

    public HtmlLimits {
        if (maxTextChars < 1 || maxLinks < 0 || maxDepth < 8) {
            throw new IllegalArgumentException(
                    "maxTextChars must be positive, maxLinks not negative and maxDepth at least 8");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }
}
