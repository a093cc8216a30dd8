package dev.gleaner.ingest;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * How much of a page's main content is links, measured before link-dense blocks are dropped from it: the links it
 * holds, the words of their text, and the words of its own text (outside links). A word is a run of non-space
 * characters holding a letter or digit, so separators such as {@code |} or {@code ¶} count for nothing. A link in a
 * heading is the heading's title and counts as its own text.
 *
 * <p>{@link #onlyLinks()} is the rule that makes a table of contents or a generated index page (e.g. Sphinx's
 * {@code genindex}) end with nothing to index.
 */
public record MainContentLinks(int links, int linkWords, int ownWords) {
    /** Content that was not measured (not HTML): never judged to be only links. */
    public static final MainContentLinks NONE = new MainContentLinks(0, 0, 0);

    /** Fewer links than this are never a list of links (a paragraph with a link or two is content). */
    public static final int MIN_LINKS = 3;

    /** Link text making at least this share of the words makes the content a list of links, however long. */
    public static final double LINK_WORD_SHARE = 0.8;

    /**
     * Fewer words of its own than this, with more words in links than of its own, also make it a list of links: a
     * title and a line of introduction above the links are not content worth a dataset.
     */
    public static final int MIN_OWN_WORDS = 20;

    private static final Evaluator HEADINGS = QueryParser.parse("h1, h2, h3, h4, h5, h6");

    /**
     * True when the content is (almost) only links: at least {@link #MIN_LINKS} links, and either link text is at
     * least {@link #LINK_WORD_SHARE} of its words, or it has fewer than {@link #MIN_OWN_WORDS} words of its own and
     * more words in links than of its own.
     */
    public boolean onlyLinks() {
        if (links < MIN_LINKS) {
            return false;
        }
        int words = linkWords + ownWords;
        return linkWords >= LINK_WORD_SHARE * words || (ownWords < MIN_OWN_WORDS && linkWords > ownWords);
    }

    /** Measures the content under {@code roots}. */
    static MainContentLinks of(List<Element> roots) {
        int[] counts = new int[3]; // links, link words, own words
        for (Element root : roots) {
            NodeTraversor.traverse(
                    (node, depth) -> {
                        if (node instanceof Element element && isLink(element)) {
                            counts[0]++;
                        } else if (node instanceof TextNode text) {
                            counts[insideLink(text) ? 1 : 2] += words(text.getWholeText());
                        }
                    },
                    root);
        }
        return new MainContentLinks(counts[0], counts[1], counts[2]);
    }

    private static boolean isLink(Element element) {
        return element.nameIs("a") && element.hasAttr("href") && element.closest(HEADINGS) == null;
    }

    private static boolean insideLink(Node node) {
        for (Element parent = node.parent() instanceof Element e ? e : null; parent != null; parent = parent.parent()) {
            if (isLink(parent)) {
                return true;
            }
        }
        return false;
    }

    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        boolean wordHasLetter = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                words += inWord && wordHasLetter ? 1 : 0;
                inWord = false;
                wordHasLetter = false;
            } else {
                inWord = true;
                wordHasLetter |= Character.isLetterOrDigit(c);
            }
        }
        return words + (inWord && wordHasLetter ? 1 : 0);
    }
}
