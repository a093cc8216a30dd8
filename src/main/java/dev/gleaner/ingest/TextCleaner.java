package dev.gleaner.ingest;

import java.net.URI;
import java.util.regex.Pattern;

/** Normalisations shared by the extractors, so every extracted text obeys the {@link ExtractedPage} format. */
final class TextCleaner {
    /** Control characters other than tab and newline, which SQL text columns and the model both choke on. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFEFF]");

    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00A0]+(?=\\n|$)");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private TextCleaner() {}

    /** Unix line ends, no control characters, no trailing spaces, at most one blank line in a row, trimmed. */
    static String normalized(String text) {
        String unix = text.replace("\r\n", "\n").replace('\r', '\n');
        String clean = CONTROL.matcher(unix).replaceAll("");
        String trimmedLines = TRAILING_SPACE.matcher(clean).replaceAll("");
        return BLANK_LINES.matcher(trimmedLines).replaceAll("\n\n").strip();
    }

    /** {@code text} cut to at most {@code maxChars}, at the last whitespace before the limit when there is one. */
    static String bounded(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int cut = maxChars;
        while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        String kept = cut > 0 ? text.substring(0, cut) : text.substring(0, maxChars);
        if (!kept.isEmpty() && Character.isHighSurrogate(kept.charAt(kept.length() - 1))) {
            kept = kept.substring(0, kept.length() - 1);
        }
        return kept.strip();
    }

    /** A one-line title: whitespace collapsed, control characters removed, bounded. */
    static String title(String raw, int maxChars) {
        String oneLine = CONTROL.matcher(raw)
                .replaceAll("")
                .replaceAll("[\\s\\u00A0]+", " ")
                .strip();
        return bounded(oneLine, maxChars);
    }

    /** A title derived from an address: the last segment of its path, else the whole address. */
    static String addressTitle(URI source, int maxChars) {
        String path = source.getPath();
        if (path != null) {
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            String lastSegment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
            if (!lastSegment.isBlank()) {
                return title(lastSegment, maxChars);
            }
        }
        return title(source.toString(), maxChars);
    }
}
