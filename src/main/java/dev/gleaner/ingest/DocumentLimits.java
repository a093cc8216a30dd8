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
    /** 30 s per document. */
    public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofSeconds(30);
    /** 5,000 entries: a DOCX has a few dozen, a few hundred with many images. */
    public static final int DEFAULT_MAX_ZIP_ENTRIES = 5_000;
    /** 128 MB unpacked: a long report's XML is a few MB, its images about their packed size. */
    public static final long DEFAULT_MAX_UNPACKED_BYTES = 128L * 1024 * 1024;
    /** 100: XML packs 5–20 times; what packs more is made to blow up (the limit Apache POI uses too). */
    public static final int DEFAULT_MAX_INFLATE_RATIO = 100;

    public static final DocumentLimits DEFAULTS = new DocumentLimits(
            HtmlExtractor.DEFAULT_MAX_TEXT_CHARS,
            HtmlExtractor.DEFAULT_MAX_LINKS,
            32 * 1024 * 1024,
            DEFAULT_PARSE_TIMEOUT,
            DEFAULT_MAX_ZIP_ENTRIES,
            DEFAULT_MAX_UNPACKED_BYTES,
            DEFAULT_MAX_INFLATE_RATIO);

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
