package dev.gleaner.ingest;

import java.time.Duration;

/** Extraction of one page ran past its {@link HtmlLimits#timeout()}; the page is left unread. */
public final class ExtractionTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExtractionTimeoutException(Duration limit) {
        super("HTML extraction took longer than " + describe(limit)
                + ": the page is too large or too deeply nested to read in time");
    }

    private static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
