package dev.gleaner.ingest;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tells a document with nothing to index: no text at all, a main content that is (almost) only links
 * ({@link MainContentLinks#onlyLinks()}: a table of contents, a generated index), or only headings (what is left of
 * a table of contents whose list was dropped as navigation). Such a document is never stored as a
 * dataset: it would hold no chunk, or chunks of link titles that crowd out the pages they link to.
 */
public final class EmptyContent {
    private static final Pattern HEADING_LINE = Pattern.compile("\\s*#{1,6}\\s.*");

    private EmptyContent() {}

    /** Why {@code page} has nothing to index, in words a person understands; null when it has something. */
    public static @Nullable String reason(ExtractedPage page) {
        MainContentLinks measured = page.mainContentLinks();
        if (measured.onlyLinks()) {
            return "The page's main content is only links (" + measured.links() + " links, " + measured.ownWords()
                    + " words of text): nothing to index";
        }
        if (page.text().isBlank()) {
            return measured.links() > 0
                    ? "The page's main content has no text besides " + measured.links() + " links: nothing to index"
                    : "The page has no text: nothing to index";
        }
        if (page.text()
                .lines()
                .allMatch(line -> line.isBlank() || HEADING_LINE.matcher(line).matches())) {
            return "The page's main content is only headings: nothing to index";
        }
        return null;
    }
}
