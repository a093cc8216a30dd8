package dev.gleaner.ingest;

/** What {@link DocumentExtractor} made of one document: its content, or why it could not read it. */
public sealed interface DocumentReading {
    /** The document was read; its text may be empty (a scan without a text layer, say). */
    record Read(ExtractedPage page) implements DocumentReading {}

    /**
     * The document could not be read.
     *
     * @param problem what kind of failure it was
     * @param format the document's format as a reader names it ({@code PDF}, {@code DOCX}, …; {@code document} when
     *     unknown)
     * @param reason one neutral sentence for the crawl log and the uploader, naming the cause and never the parser's
     *     internals
     */
    record Unreadable(DocumentProblem problem, String format, String reason) implements DocumentReading {}
}
