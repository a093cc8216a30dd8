package dev.gleaner.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Per-element facts about a subtree, computed for every element of a page in one post-order pass, so that judging an
 * element (its text length, its link density, whether it holds a heading) costs nothing instead of a walk over its
 * subtree. Facts go stale for the ancestors of nodes removed afterwards; compute again after removing.
 */
final class NodeStats {
    /** Facts of one element's subtree. Text lengths count whitespace runs as one character. */
    static final class Stats {
        int text;
        int commas;
        /** Text inside links that are not in a heading (permalinks and linked titles are not navigation). */
        int linkText;

        int links;
        boolean pre;
        boolean heading;
        boolean h1;
        /** A {@code <main>}, {@code <article>} or {@code role=main} element. */
        boolean mainOrArticle;

        private void add(Stats child) {
            text += child.text;
            commas += child.commas;
            linkText += child.linkText;
            links += child.links;
            pre |= child.pre;
            heading |= child.heading;
            h1 |= child.h1;
            mainOrArticle |= child.mainOrArticle;
        }
    }

    private static final Stats NONE = new Stats();

    private final Map<Element, Stats> stats;

    private NodeStats(Map<Element, Stats> stats) {
        this.stats = stats;
    }

    /** The facts of every element of {@code root}'s subtree. */
    static NodeStats of(Element root, ExtractionDeadline deadline) {
        IdentityHashMap<Element, Stats> stats = new IdentityHashMap<>();
        NodeTraversor.traverse(new Collector(stats, deadline), root);
        return new NodeStats(stats);
    }

    /** The facts of {@code element}; an element not seen by the pass (added later) has none. */
    Stats of(Element element) {
        return stats.getOrDefault(element, NONE);
    }

    /** The share of {@code element}'s text inside links outside headings, from 0 to 1. */
    double linkDensity(Element element) {
        Stats facts = of(element);
        return facts.text == 0 ? 0 : Math.min(1, (double) facts.linkText / facts.text);
    }

    private static final class Collector implements NodeVisitor {
        private final Map<Element, Stats> stats;
        private final ExtractionDeadline deadline;
        private final Deque<Stats> open = new ArrayDeque<>();
        private int anchorsOpen;
        private int headingsOpen;

        Collector(Map<Element, Stats> stats, ExtractionDeadline deadline) {
            this.stats = stats;
            this.deadline = deadline;
        }

        @Override
        public void head(Node node, int depth) {
            deadline.step();
            if (node instanceof Element element) {
                open.push(new Stats());
                if (element.nameIs("a")) {
                    anchorsOpen++;
                } else if (Headings.level(element) > 0) {
                    headingsOpen++;
                }
            } else if (node instanceof TextNode text && !open.isEmpty()) {
                Stats top = open.peek();
                int length = collapsedLength(text.getWholeText());
                top.text += length;
                top.commas += commas(text.getWholeText());
                if (anchorsOpen > 0 && headingsOpen == 0) {
                    top.linkText += length;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return;
            }
            Stats own = open.pop();
            String name = element.normalName();
            if (name.equals("a")) {
                anchorsOpen--;
                own.links++;
            } else if (Headings.level(element) > 0) {
                headingsOpen--;
                own.heading = true;
                own.h1 |= name.equals("h1");
            } else if (name.equals("pre")) {
                own.pre = true;
            } else if (name.equals("main")
                    || name.equals("article")
                    || element.attr("role").equals("main")) {
                own.mainOrArticle = true;
            }
            stats.put(element, own);
            if (!open.isEmpty()) {
                open.peek().add(own);
            }
        }

        private static int collapsedLength(String text) {
            int length = 0;
            boolean inSpace = false;
            for (int i = 0; i < text.length(); i++) {
                boolean space = Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\u00A0';
                if (!space || !inSpace) {
                    length++;
                }
                inSpace = space;
            }
            return length;
        }

        private static int commas(String text) {
            int commas = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == ',') {
                    commas++;
                }
            }
            return commas;
        }
    }
}
