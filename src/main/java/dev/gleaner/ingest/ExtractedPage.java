package dev.gleaner.ingest;

import java.util.List;

/**
 * The readable content of one document.
 *
 * @param title never blank: the document's own title or a fallback derived from its address
 * @param text clean text: paragraphs separated by one blank line; headings on their own line, prefixed with one
 *     {@code #} per level and a space (as in Markdown), which {@link Chunker} reads into heading paths
 * @param links absolute http(s) URLs the document links to, without fragments, in document order, without duplicates
 * @param noindex the document asks not to be indexed ({@code <meta name="robots" content="noindex">})
 * @param nofollow the document asks that its links not be followed
 */
public record ExtractedPage(String title, String text, List<String> links, boolean noindex, boolean nofollow) {
    public ExtractedPage {
        links = List.copyOf(links);
    }
}
