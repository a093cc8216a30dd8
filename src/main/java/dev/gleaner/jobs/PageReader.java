package dev.gleaner.jobs;

import dev.gleaner.crawl.FetchOutcome;
import dev.gleaner.ingest.ExtractedPage;
import dev.gleaner.ingest.HtmlExtractor;
import dev.gleaner.ingest.PlainTextExtractor;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Chooses the extractor for a fetched body by its media type; empty for a type Gleaner does not read. */
public final class PageReader {
    private final HtmlExtractor html;
    private final PlainTextExtractor text;

    public PageReader(HtmlExtractor html, PlainTextExtractor text) {
        this.html = html;
        this.text = text;
    }

    public Optional<ExtractedPage> read(FetchOutcome.Fetched fetched) {
        String type = mediaType(fetched.contentType());
        if (isHtml(type) || (type.isEmpty() && looksLikeHtml(fetched.body()))) {
            return Optional.of(html.extract(fetched.body(), fetched.contentType(), fetched.finalUrl()));
        }
        if (type.equals("text/plain") || type.equals("text/markdown") || type.equals("text/x-markdown")) {
            return Optional.of(text.extract(fetched.body(), fetched.contentType(), fetched.finalUrl()));
        }
        return Optional.empty();
    }

    /** The dataset's extension type for a content type: {@code html}, {@code md}, {@code txt}. */
    static String extensionType(String contentType) {
        String type = mediaType(contentType);
        if (type.contains("markdown")) {
            return "md";
        }
        return type.equals("text/plain") ? "txt" : "html";
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
        String head = new String(body, 0, Math.min(body.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1)
                .trim()
                .toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }
}
