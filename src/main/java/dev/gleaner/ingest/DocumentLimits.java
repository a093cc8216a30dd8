package dev.gleaner.ingest;

import java.time.Duration;

/**
 * Named limits of reading one document ({@link DocumentExtractor}, in a parser process of {@link ParserProcessPool}).
 *
 * @param maxTextChars the text kept from one document; longer text is cut at a word boundary and parsing stops there
 * @param maxLinks the links kept from one document
 * @param maxDocumentBytes larger documents are not parsed at all
 * @param parseTimeout the longest one document may take: the parser gives up when it notices (whenever it emits
 *     content), and its process is killed when it has not answered shortly after
 * @param maxZipEntries a zip-based document (DOCX, ODT) with more entries is not parsed
 * @param maxUnpackedBytes a zip-based document whose entries unpack to more bytes in all is not parsed
 * @param maxInflateRatio a zip entry that unpacks to more than this many times its packed size (past its first
 *     megabyte) marks a compression bomb, and the document is not parsed
 */
public record DocumentLimits(
        int maxTextChars,
        int maxLinks,
        int maxDocumentBytes,
        Duration parseTimeout,
        int maxZipEntries,
        long maxUnpackedBytes,
        int maxInflateRatio) {
    /** 32 MB: a document larger than this is not parsed (not a configuration option). */
    public static final int MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

    public DocumentLimits {
        if (maxTextChars < 1 || maxLinks < 0 || maxDocumentBytes < 1) {
            throw new IllegalArgumentException(
                    "maxTextChars and maxDocumentBytes must be positive, maxLinks not negative");
        }
        if (parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parseTimeout must be positive");
        }
        if (maxZipEntries < 1 || maxUnpackedBytes < 1 || maxInflateRatio < 1) {
            throw new IllegalArgumentException("maxZipEntries, maxUnpackedBytes and maxInflateRatio must be positive");
        }
    }

    /**
     * The limits of a deployment: its configured timeout and zip limits (their defaults are the configuration's), with
     * the text and links limits of {@link HtmlLimits} and {@link #MAX_DOCUMENT_BYTES}, which are not configurable.
     */
    public static DocumentLimits of(
            Duration parseTimeout, int maxZipEntries, long maxUnpackedBytes, int maxInflateRatio) {
        return new DocumentLimits(
                HtmlLimits.DEFAULT_MAX_TEXT_CHARS,
                HtmlLimits.DEFAULT_MAX_LINKS,
                MAX_DOCUMENT_BYTES,
                parseTimeout,
                maxZipEntries,
                maxUnpackedBytes,
                maxInflateRatio);
    }

    /** These limits with another text limit, links limit, size limit and timeout (the zip limits kept). */
    public DocumentLimits with(int textChars, int links, int documentBytes, Duration timeout) {
        return new DocumentLimits(
                textChars, links, documentBytes, timeout, maxZipEntries, maxUnpackedBytes, maxInflateRatio);
    }

    /** These limits with other zip limits. */
    public DocumentLimits withZip(int zipEntries, long unpackedBytes, int inflateRatio) {
        return new DocumentLimits(
                maxTextChars, maxLinks, maxDocumentBytes, parseTimeout, zipEntries, unpackedBytes, inflateRatio);
    }
}
