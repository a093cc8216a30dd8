package dev.gleaner.ingest;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Extracts plain text and Markdown ({@code text/plain}, {@code text/markdown}). The charset is the one the content type
 * declares, else UTF-8. The title is the first Markdown heading, else the first line, else the last segment of the
 * source's path. For Markdown, ATX headings ({@code ## Title}) outside code fences get a blank line around them so
 * {@link Chunker} reads them as headings. Never yields links or robots directives. Thread-safe.
 */
public final class PlainTextExtractor {
    public static final int DEFAULT_MAX_TEXT_CHARS = HtmlExtractor.DEFAULT_MAX_TEXT_CHARS;
    public static final int MAX_TITLE_CHARS = HtmlExtractor.MAX_TITLE_CHARS;

    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*");

    private final int maxTextChars;

    public PlainTextExtractor() {
        this(DEFAULT_MAX_TEXT_CHARS);
    }

    /** Keeps at most {@code maxTextChars} characters of text. */
    public PlainTextExtractor(int maxTextChars) {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be positive");
        }
        this.maxTextChars = maxTextChars;
    }

    /** Whether this extractor reads documents of {@code contentType}. */
    public static boolean handles(@Nullable String contentType) {
        String mediaType = ContentTypeHeader.parse(contentType).mediaType();
        return mediaType.equals("text/plain") || isMarkdown(mediaType);
    }

    public ExtractedPage extract(byte[] body, @Nullable String contentType, URI source) {
        ContentTypeHeader header = ContentTypeHeader.parse(contentType);
        Charset charset = header.charset() == null ? StandardCharsets.UTF_8 : header.charset();
        String decoded = TextCleaner.normalized(new String(body, charset));
        boolean markdown = isMarkdown(header.mediaType());
        String text = TextCleaner.bounded(markdown ? withSeparatedHeadings(decoded) : decoded, maxTextChars);
        return new ExtractedPage(title(text, markdown, source), text, List.of(), false, false, null);
    }

    private static boolean isMarkdown(String mediaType) {
        return mediaType.equals("text/markdown") || mediaType.equals("text/x-markdown");
    }

    private static String withSeparatedHeadings(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length() + 64);
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
            }
            Matcher heading = ATX_HEADING.matcher(line);
            if (!inFence && heading.matches() && !heading.group(2).isBlank()) {
                out.append("\n\n")
                        .append(heading.group(1))
                        .append(' ')
                        .append(heading.group(2).strip());
                out.append("\n\n");
            } else {
                out.append(line).append('\n');
            }
        }
        return TextCleaner.normalized(out.toString());
    }

    private static String title(String text, boolean markdown, URI source) {
        if (markdown) {
            String heading = TextCleaner.title(firstHeading(text), MAX_TITLE_CHARS);
            if (!heading.isEmpty()) {
                return heading;
            }
        }
        int lineEnd = text.indexOf('\n');
        String firstLine = TextCleaner.title(lineEnd < 0 ? text : text.substring(0, lineEnd), MAX_TITLE_CHARS);
        return firstLine.isEmpty() ? TextCleaner.addressTitle(source, MAX_TITLE_CHARS) : firstLine;
    }

    private static String firstHeading(String markdown) {
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
            }
            Matcher heading = ATX_HEADING.matcher(line);
            if (!inFence && heading.matches() && !heading.group(2).isBlank()) {
                return heading.group(2);
            }
        }
        return "";
    }
}
