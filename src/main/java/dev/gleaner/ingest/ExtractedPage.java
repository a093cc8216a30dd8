package dev.gleaner.ingest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The readable content of one document.
 *
 * @param title never blank: the document's own title or a fallback derived from its address
 * <p>The text is Markdown. A heading is a line of its own: one {@code #} per level, a space, its text; when the page
 * gives the heading a fragment a browser scrolls to, the line ends with that id as a Pandoc-style attribute: exactly
 * one space, <code>{#</code>, the id, <code>}</code> — {@code ## Installing on Linux {#installing-on-linux}}. There is no suffix
 * when the heading has no such id, and ids holding whitespace or <code>}</code> are never written. The id of an HTML
 * heading is, in this order: its own {@code id}; an {@code id} (or {@code <a name>}) inside it; the {@code id} of the
 * {@code <section>} (or Sphinx/DocBook section div) it opens; an empty {@code <a>}/{@code <span>} with an id or name
 * right before it; the target of its permalink ({@code href="#x"}, when {@code x} — or GitHub's
 * {@code user-content-x} — exists on the page, or the permalink's own id). A definition term that is a link target
 * (an API entry, a setting) is written as a heading one level below its section, with its anchor, the same way.
 * Other extractors write headings without anchors.
 *
 * @param title never blank: the document's own title or a fallback derived from its address
 * @param text clean text: paragraphs separated by one blank line; headings on their own line, prefixed with one
 *     {@code #} per level and a space (as in Markdown), optionally ending in {@code {#id}} as above, which
 *     {@link Chunker} reads into heading paths; lists, pipe tables, fenced code blocks (with their language when
 *     known), quotes (admonitions as a quote opening with their bold title, {@code > **Note:** …}), definition terms
 *     as a bold line directly above their description
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
