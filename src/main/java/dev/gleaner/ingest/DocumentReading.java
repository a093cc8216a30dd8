package dev.gleaner.ingest;

/** What {@link DocumentExtractor} made of one document: its content, or why it could not read it. */
public sealed interface DocumentReading {
    /** The document was read; its text may be empty (a scan without a text layer, say). */
    record Read(ExtractedPage page) implements DocumentReading {}

    /**
     * The document could not be read: encrypted, corrupt, of an unsupported type, too large, or too slow to parse.
     *
     * @param reason a one-line explanation for the crawl log
     */
    record Unreadable(String reason) implements DocumentReading {}
}
