package dev.gleaner.ingest;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Picks the elements holding a page's main content: its {@code <main>} (or {@code role=main}), else its outermost
 * {@code <article>}s, else the densest text container by a readability-style score, else the body. Run after
 * {@link BoilerplateFilter#removeNonContent}.
 */
final class MainContentFinder {
    /** Text blocks shorter than this add nothing to their container's score. */
    static final int MIN_SCORED_TEXT = 25;

    /** A block this short holding an {@code <h1>} is the page's title block (title, kicker, package name). */
    static final int MAX_TITLE_BLOCK_CHARS = 200;

    private static final Set<String> SCORED = Set.of("p", "pre", "td", "blockquote", "dd", "li", "div", "section");
    private static final Evaluator HEADINGS = QueryParser.parse("h1, h2, h3, h4, h5, h6, header, hgroup");
    private static final Evaluator BLOCK_CHILDREN =
            QueryParser.parse("p, div, section, ul, ol, table, pre, blockquote, h1, h2, h3, h4, h5, h6");

    private MainContentFinder() {}

    /** The content roots of {@code document}, in document order; never empty. */
    static List<Element> roots(Document document) {
        Element main = document.selectFirst("main, [role=main]");
        if (main != null && main.hasText()) {
            return List.of(main);
        }
        List<Element> articles = document.select("article").stream()
                .filter(article -> article.parents().stream().noneMatch(parent -> parent.nameIs("article")))
                .filter(Element::hasText)
                .toList();
        if (!articles.isEmpty()) {
            return articles;
        }
        return List.of(densest(document.body()));
    }

    private static Element densest(Element body) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element block : body.getAllElements()) {
            if (!SCORED.contains(block.normalName()) || isContainer(block)) {
                continue;
            }
            String text = block.text();
            if (text.length() < MIN_SCORED_TEXT) {
                continue;
            }
            double score = text.split(",", -1).length + Math.min(3, text.length() / 100);
            Element parent = block.parent();
            if (parent != null) {
                scores.merge(parent, score, Double::sum);
                Element grandparent = parent.parent();
                if (grandparent != null) {
                    scores.merge(grandparent, score / 2, Double::sum);
                }
            }
        }
        Element best = body;
        double bestScore = 0;
        for (Map.Entry<Element, Double> candidate : scores.entrySet()) {
            double score = candidate.getValue() * (1 - BoilerplateFilter.linkDensity(candidate.getKey()));
            if (score > bestScore) {
                best = candidate.getKey();
                bestScore = score;
            }
        }
        return widened(best, body);
    }

    /**
     * Climbs to the parent while everything beside the chosen element there is headings, short lines or a short block
     * holding the {@code <h1>} (a title, a byline), so the page's title stays with its paragraphs while a sibling teaser does not come in.
     */
    private static Element widened(Element chosen, Element body) {
        Element current = chosen;
        for (Element parent = current.parent();
                parent != null && current != body && parent != body;
                parent = current.parent()) {
            Element inner = current;
            boolean onlyTitlesBeside = parent.children().stream()
                    .filter(sibling -> sibling != inner)
                    .allMatch(MainContentFinder::isTitleOrShortLine);
            if (!onlyTitlesBeside) {
                break;
            }
            current = parent;
        }
        return current;
    }

    private static boolean isTitleOrShortLine(Element element) {
        int length = element.text().length();
        return element.is(HEADINGS)
                || length < MIN_SCORED_TEXT
                || (length <= MAX_TITLE_BLOCK_CHARS && element.selectFirst("h1") != null);
    }

    /** A div or section holding blocks is scored through them, not as a paragraph of its own. */
    private static boolean isContainer(Element element) {
        return (element.nameIs("div") || element.nameIs("section"))
                && element.children().stream().anyMatch(child -> child.is(BLOCK_CHILDREN));
    }
}
