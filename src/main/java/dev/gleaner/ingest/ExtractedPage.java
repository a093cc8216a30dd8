package dev.gleaner.ingest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The readable content of one document.
 *
 * @param title never blank: the document's own title or a fallback derived from its address
 * @param text clean text: paragraphs separated by one blank line; headings on their own line, prefixed with one
 *     {@code #} per level and a space (as in Markdown), which {@link Chunker} reads into heading paths
 * @param links absolute http(s) URLs the document links to, without fragments, in document order, without duplicates
 * @param noindex the document asks not to be indexed ({@code <meta name="robots" content="noindex">})
 * @param nofollow the document asks that its links not be followed
 * @param canonical the absolute http(s) URL, without fragment, that the document names as its canonical address
 *     ({@code <link rel="canonical" href>}); null when it names none or not a valid http(s) one
 * @param mainContentLinks how much of the main content is links ({@link MainContentLinks#NONE} when not measured, as
 *     for a document that is not HTML)
 */
public record ExtractedPage(
        String title,
        String text,
        List<String> links,
        boolean noindex,
        boolean nofollow,
        @Nullable String canonical,
        MainContentLinks mainContentLinks) {
    public ExtractedPage {
        links = List.copyOf(links);
    }

    /** A document whose links in the main content were not measured. */
    public ExtractedPage(
            String title,
            String text,
            List<String> links,
            boolean noindex,
            boolean nofollow,
            @Nullable String canonical) {
        this(title, text, links, noindex, nofollow, canonical, MainContentLinks.NONE);
    }
}
