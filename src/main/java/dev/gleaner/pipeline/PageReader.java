package dev.gleaner.pipeline;

import dev.gleaner.MediaType;
import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.ingest.ContentSniffer;
import dev.gleaner.ingest.DocumentParser;
import dev.gleaner.ingest.DocumentProblem;
import dev.gleaner.ingest.DocumentReading;
import dev.gleaner.ingest.ExtractedPage;
import dev.gleaner.ingest.HtmlExtractor;
import dev.gleaner.ingest.PlainTextExtractor;
import dev.gleaner.ingest.TextDecoder;
import java.net.URI;
import java.util.Locale;

/**
 * Chooses the extractor for a fetched body by what its bytes are and, for text, its label: HTML, plain text and
 * Markdown, PDF, DOCX, DOC, ODT and RTF.
 */
public final class PageReader {
    private final HtmlExtractor html;
    private final PlainTextExtractor text;
    private final DocumentParser documents;
    private final ContentSniffer sniffer = new ContentSniffer();
    private final TextDecoder decoder = new TextDecoder();

    public PageReader(HtmlExtractor html, PlainTextExtractor text, DocumentParser documents) {
        this.html = html;
        this.text = text;
        this.documents = documents;
    }

    /** How reading a body ended. */
    public sealed interface Reading {
        /**
         * The page's content.
         *
         * @param contentType what the bytes really are, for the dataset's type and the stored original: the sniffed
         *     document type, or the text's media type with the charset that decoded it
         * @param scripted the page needed a browser to show its text (whether or not rendering it worked): its text
         *     may change while the bytes fetched, and so the server's validators, stay the same
         */
        record Read(ExtractedPage page, String contentType, boolean scripted) implements Reading {
            /** A page read from the bytes fetched. */
            public Read(ExtractedPage page, String contentType) {
                this(page, contentType, false);
            }
        }

        /** A type Gleaner does not read (outcome {@code unsupported}). */
        record Unsupported(String reason) implements Reading {}

        /**
         * A supported type whose content could not be read (damaged, encrypted, too large unpacked, too slow).
         *
         * @param format the document's format as a reader names it ({@code PDF}, {@code DOCX}, …)
         */
        record Unreadable(String reason, DocumentProblem problem, String format) implements Reading {}
    }

    /**
     * Reads {@code fetched}: its bytes are sniffed before its label is trusted ({@link ContentSniffer}), text is decoded
     * as browsers decode it ({@link TextDecoder}), and what could not be read is a value with its reason.
     */
    public Reading read(FetchOutcome.Fetched fetched) {
        MediaType declared = MediaType.parse(fetched.contentType());
        return switch (sniffer.sniff(fetched.body(), declared)) {
            case ContentSniffer.Sniffed.Unsupported unsupported -> new Reading.Unsupported(unsupported.reason());
            case ContentSniffer.Sniffed.Document document ->
                reading(
                        documents.extract(fetched.body(), document.mediaType(), fetched.finalUrl()),
                        document.mediaType());
            case ContentSniffer.Sniffed.Text text -> readText(fetched, declared, text.kind());
        };
    }

    private Reading readText(FetchOutcome.Fetched fetched, MediaType declared, ContentSniffer.TextKind kind) {
        boolean isHtml = kind == ContentSniffer.TextKind.HTML;
        return switch (decoder.decode(fetched.body(), declared, isHtml)) {
            case TextDecoder.Decoding.Garbled garbled ->
                new Reading.Unreadable(garbled.reason(), DocumentProblem.UNDECODABLE_TEXT, "text");
            case TextDecoder.Decoding.Decoded decoded -> {
                String contentType = textType(declared, kind) + "; charset="
                        + decoded.charset().name();
                yield isHtml
                        ? reading(html.read(decoded.text(), fetched.finalUrl()), contentType)
                        : new Reading.Read(
                                text.extract(
                                        decoded.text(), kind == ContentSniffer.TextKind.MARKDOWN, fetched.finalUrl()),
                                contentType);
            }
        };
    }

    private static String textType(MediaType declared, ContentSniffer.TextKind kind) {
        return switch (kind) {
            case HTML -> declared.is("application/xhtml+xml") ? declared.essence() : "text/html";
            case PLAIN -> "text/plain";
            case MARKDOWN -> declared.essence();
        };
    }

    /** A document of a type no parser reads (a spreadsheet behind a generic label, say) is unsupported, not failed. */
    private static Reading reading(DocumentReading reading, String contentType) {
        return switch (reading) {
            case DocumentReading.Read read -> new Reading.Read(read.page(), contentType);
            case DocumentReading.Unreadable unreadable
            when unreadable.problem() == DocumentProblem.UNSUPPORTED_TYPE ->
                new Reading.Unsupported(unreadable.reason());
            case DocumentReading.Unreadable unreadable ->
                new Reading.Unreadable(unreadable.reason(), unreadable.problem(), unreadable.format());
        };
    }

    /** The dataset's extension type: {@code html}, {@code md}, {@code txt}, {@code pdf}, {@code docx}, … */
    static String extensionType(String contentType, URI url) {
        String type = MediaType.parse(contentType).essence();
        if (type.contains("markdown")) {
            return "md";
        }
        if (type.equals("text/plain")) {
            return "txt";
        }
        if (type.equals("application/pdf")) {
            return "pdf";
        }
        if (type.contains("wordprocessingml")) {
            return "docx";
        }
        if (type.equals("application/msword")) {
            return "doc";
        }
        String name = filename(url);
        int dot = name.lastIndexOf('.');
        return isHtml(type) || dot < 0 ? "html" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A readable file name for a page: its last path segment, or the host for a site root. */
    static String filename(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        String last = slash >= 0 ? trimmed.substring(slash + 1) : trimmed;
        return last.isEmpty() ? String.valueOf(url.getHost()) : last;
    }

    private static boolean isHtml(String type) {
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }
}
