package dev.gleaner.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Picks the elements holding a page's main content: its {@code <main>} (or {@code role=main}; the one
 * {@code <article>} holding most of its text when it has one), else its outermost
 * {@code <article>}s, else the densest text container by a readability-style score, else the body. Run after
 * {@link BoilerplateFilter#removeNonContent}. Linear in the page's size: elements are judged by {@link NodeStats}.
 */
final class MainContentFinder {
    /** Text blocks shorter than this add nothing to their container's score. */
    static final int MIN_SCORED_TEXT = 25;

    /** A block this short holding an {@code <h1>} is the page's title block (title, kicker, package name). */
    static final int MAX_TITLE_BLOCK_CHARS = 200;

    private static final Set<String> SCORED = Set.of("p", "pre", "td", "blockquote", "dd", "li", "div", "section");
    private static final Set<String> TITLES = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup");
    private static final Set<String> BLOCK_CHILDREN =
            Set.of("p", "div", "section", "ul", "ol", "table", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6");

    private MainContentFinder() {}

    /** The content roots of {@code document}, in document order; never empty. */
    static List<Element> roots(Document document, NodeStats stats, ExtractionDeadline deadline) {
        Element main = document.selectFirst("main, [role=main]");
        if (main != null && stats.of(main).text > 0) {
            List<Element> inMain = outermostArticles(main, stats, deadline);
            // A page's one article inside its main element leaves out what frames it there (a file's header bar,
            // a version banner).
            boolean oneArticle = inMain.size() == 1 && stats.of(inMain.get(0)).text * 2 >= stats.of(main).text;
            return oneArticle ? inMain : List.of(main);
        }
        List<Element> articles = outermostArticles(document.body(), stats, deadline);
        if (!articles.isEmpty()) {
            return articles;
        }
        return List.of(densest(document.body(), stats, deadline));
    }

    private static List<Element> outermostArticles(Element body, NodeStats stats, ExtractionDeadline deadline) {
        List<Element> articles = new ArrayList<>();
        Deque<Element> pending = new ArrayDeque<>();
        pending.push(body);
        while (!pending.isEmpty()) {
            Element element = pending.pop();
            deadline.step();
            if (element.nameIs("article")) {
                if (stats.of(element).text > 0) {
                    articles.add(element);
                }
                continue;
            }
            List<Element> children = element.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
        return articles;
    }

    private static Element densest(Element body, NodeStats stats, ExtractionDeadline deadline) {
        IdentityHashMap<Element, Double> scores = new IdentityHashMap<>();
        // Candidates in the order they were first scored, so a tie is decided the same way on every run (an
        // identity map's iteration order changes from one JVM to the next).
        List<Element> candidates = new ArrayList<>();
        Deque<Element> pending = new ArrayDeque<>(body.children());
        while (!pending.isEmpty()) {
            Element block = pending.pop();
            deadline.step();
            block.children().forEach(pending::push);
            NodeStats.Stats facts = stats.of(block);
            if (!SCORED.contains(block.normalName()) || isContainer(block) || facts.text < MIN_SCORED_TEXT) {
                continue;
            }
            double score = facts.commas + 1 + Math.min(3, facts.text / 100);
            Element parent = block.parent();
            if (parent != null) {
                addScore(scores, candidates, parent, score);
                Element grandparent = parent.parent();
                if (grandparent != null) {
                    addScore(scores, candidates, grandparent, score / 2);
                }
            }
        }
        Element best = body;
        double bestScore = 0;
        for (Element candidate : candidates) {
            double score = scores.getOrDefault(candidate, 0.0) * (1 - stats.linkDensity(candidate));
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return widened(best, body, stats);
    }

    private static void addScore(Map<Element, Double> scores, List<Element> candidates, Element element, double score) {
        if (!scores.containsKey(element)) {
            candidates.add(element);
        }
        scores.merge(element, score, Double::sum);
    }

    /**
     * Climbs to the parent while everything beside the chosen element there is headings, short lines or a short block
     * holding the {@code <h1>} (a title, a byline), so the page's title stays with its paragraphs while a sibling teaser does not come in;
     * and always into an enclosing document section ({@code <section>}, DocBook's {@code div.sect1}), whose other
     * subsections are the same document.
     */
    @SuppressWarnings(
            "ReferenceEquality") // jsoup nodes are one tree: identity is the meaning (Node.equals is identity too)
    private static Element widened(Element chosen, Element body, NodeStats stats) {
        Element current = chosen;
        for (Element parent = current.parent();
                parent != null && current != body && parent != body;
                parent = current.parent()) {
            Element inner = current;
            boolean onlyTitlesBeside = parent.children().stream()
                    .filter(sibling -> sibling != inner)
                    .allMatch(sibling -> isTitleOrShortLine(sibling, stats));
            if (!onlyTitlesBeside && !Headings.isSection(parent)) {
                break;
            }
            current = parent;
        }
        return current;
    }

    private static boolean isTitleOrShortLine(Element element, NodeStats stats) {
        NodeStats.Stats facts = stats.of(element);
        return TITLES.contains(element.normalName())
                || facts.text < MIN_SCORED_TEXT
                || (facts.text <= MAX_TITLE_BLOCK_CHARS && facts.h1);
    }

    /** A div or section holding blocks is scored through them, not as a paragraph of its own. */
    private static boolean isContainer(Element element) {
        if (!element.nameIs("div") && !element.nameIs("section")) {
            return false;
        }
        for (Element child : element.children()) {
            if (BLOCK_CHILDREN.contains(child.normalName())) {
                return true;
            }
        }
        return false;
    }
}
