package dev.gleaner.ingest;

import java.time.Duration;

/**
 * Named limits of {@link DocumentExtractor}.
 *
 * @param maxTextChars the text kept from one document; longer text is cut at a word boundary
 * @param maxLinks the links kept from one document
 * @param maxDocumentBytes larger documents are not parsed at all
 * @param parseTimeout parsing gives up once it has taken this long; checked whenever the parser emits content, so a
 *     parser stuck without emitting anything is not stopped by it
 */
public record DocumentLimits(int maxTextChars, int maxLinks, int maxDocumentBytes, Duration parseTimeout) {
    public static final DocumentLimits DEFAULTS = new DocumentLimits(
            HtmlExtractor.DEFAULT_MAX_TEXT_CHARS,
            HtmlExtractor.DEFAULT_MAX_LINKS,
            32 * 1024 * 1024,
            Duration.ofSeconds(60));

    public DocumentLimits {
        if (maxTextChars < 1 || maxLinks < 0 || maxDocumentBytes < 1) {
            throw new IllegalArgumentException(
                    "maxTextChars and maxDocumentBytes must be positive, maxLinks not negative");
        }
        if (parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parseTimeout must be positive");
        }
    }
}
