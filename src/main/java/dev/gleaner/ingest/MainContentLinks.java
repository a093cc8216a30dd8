package dev.gleaner.ingest;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
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

    /** Measures the content under {@code roots} in one walk, checking {@code deadline} as it goes. */
    static MainContentLinks of(List<Element> roots, ExtractionDeadline deadline) {
        Counter counter = new Counter(deadline);
        roots.forEach(root -> NodeTraversor.traverse(counter, root));
        return new MainContentLinks(counter.links, counter.linkWords, counter.ownWords);
    }

    /** Counts links and words, tracking how deep it is inside links and headings instead of looking up ancestors. */
    private static final class Counter implements NodeVisitor {
        private final ExtractionDeadline deadline;
        private int links;
        private int linkWords;
        private int ownWords;
        private int linkDepth;
        private int headingDepth;

        Counter(ExtractionDeadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public void head(Node node, int depth) {
            deadline.step();
            if (node instanceof Element element) {
                if (element.is(HEADINGS)) {
                    headingDepth++;
                } else if (isLink(element)) {
                    links++;
                    linkDepth++;
                }
            } else if (node instanceof TextNode text) {
                int words = words(text.getWholeText());
                if (linkDepth > 0) {
                    linkWords += words;
                } else {
                    ownWords += words;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                if (element.is(HEADINGS)) {
                    headingDepth--;
                } else if (isLink(element)) {
                    linkDepth--;
                }
            }
        }

        /** A link outside headings: a link in a heading is the heading's title (or its permalink). */
        private boolean isLink(Element element) {
            return headingDepth == 0 && element.nameIs("a") && element.hasAttr("href");
        }
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
