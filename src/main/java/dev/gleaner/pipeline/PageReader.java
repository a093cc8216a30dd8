package dev.gleaner.pipeline;

import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.ingest.DocumentExtractor;
import dev.gleaner.ingest.DocumentParser;
import dev.gleaner.ingest.DocumentProblem;
import dev.gleaner.ingest.DocumentReading;
import dev.gleaner.ingest.ExtractedPage;
import dev.gleaner.ingest.HtmlExtractor;
import dev.gleaner.ingest.PlainTextExtractor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Chooses the extractor for a fetched body by its media type: HTML, plain text and Markdown, PDF and DOCX. */
public final class PageReader {
    private final HtmlExtractor html;
    private final PlainTextExtractor text;
    private final DocumentParser documents;

    public PageReader(HtmlExtractor html, PlainTextExtractor text, DocumentParser documents) {
        this.html = html;
        this.text = text;
        this.documents = documents;
    }

    /** How reading a body ended. */
    public sealed interface Reading {
        record Read(ExtractedPage page) implements Reading {}

        /** A type Gleaner does not read (outcome {@code unsupported}). */
        record Unsupported(String reason) implements Reading {}

        /**
         * A supported type whose content could not be read (damaged, encrypted, too large unpacked, too slow).
         *
         * @param format the document's format as a reader names it ({@code PDF}, {@code DOCX}, …)
         */
        record Unreadable(String reason, DocumentProblem problem, String format) implements Reading {}
    }

    public Reading read(FetchOutcome.Fetched fetched) {
        String type = mediaType(fetched.contentType());
        if (isHtml(type) || (type.isEmpty() && looksLikeHtml(fetched.body()))) {
            return switch (html.read(fetched.body(), fetched.contentType(), fetched.finalUrl())) {
                case DocumentReading.Read read -> new Reading.Read(read.page());
                case DocumentReading.Unreadable unreadable ->
                    new Reading.Unreadable(unreadable.reason(), unreadable.problem(), unreadable.format());
            };
        }
        if (PlainTextExtractor.handles(fetched.contentType())) {
            return new Reading.Read(text.extract(fetched.body(), fetched.contentType(), fetched.finalUrl()));
        }
        if (DocumentExtractor.handles(fetched.contentType())) {
            return switch (documents.extract(fetched.body(), fetched.contentType(), fetched.finalUrl())) {
                case DocumentReading.Read read -> new Reading.Read(read.page());
                case DocumentReading.Unreadable unreadable ->
                    new Reading.Unreadable(unreadable.reason(), unreadable.problem(), unreadable.format());
            };
        }
        return new Reading.Unsupported(
                "Unsupported content type: " + (type.isEmpty() ? "none (and the body is not HTML)" : type));
    }

    /** The dataset's extension type: {@code html}, {@code md}, {@code txt}, {@code pdf}, {@code docx}, … */
    static String extensionType(String contentType, URI url) {
        String type = mediaType(contentType);
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

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isHtml(String type) {
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }

    private static boolean looksLikeHtml(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1)
                .trim()
                .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }
}
