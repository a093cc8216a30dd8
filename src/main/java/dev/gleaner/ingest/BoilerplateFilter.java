package dev.gleaner.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Removes what is not a page's own content: scripts and styles, navigation, site headers and footers, sidebars,
 * forms, hidden elements, cookie and consent banners, share widgets, "skip to content" links (by element, ARIA role,
 * and {@code id}/{@code class} words), and within the content, link-dense blocks, which are navigation whatever
 * their markup. Never removes an element holding a {@code <main>}, an {@code <article>}, an {@code <h1>} or most of
 * the page's text, so a wrapper named badly does not take the content with it.
 */
final class BoilerplateFilter {
    /** A block whose link text is more than this share of its text is navigation. */
    static final double MAX_LINK_DENSITY = 0.5;

    /** A block needs at least this many links to be judged link-dense (a sentence with one link is content). */
    static final int MIN_LINKS_OF_NAVIGATION = 3;

    /** An element holding more than this share of the page's text is a content wrapper, whatever its name. */
    static final double WRAPPER_TEXT_SHARE = 0.5;

    private static final String NOT_CONTENT = String.join(
            ", ",
            "script, style, noscript, template, svg, math, iframe, object, embed, canvas",
            "nav, aside, form, button, select, textarea, input, dialog",
            "[role=navigation], [role=banner], [role=contentinfo], [role=search], [role=dialog], [role=complementary]",
            "[hidden], [aria-hidden=true], [style~=(?i)display\\s*:\\s*none], [style~=(?i)visibility\\s*:\\s*hidden]");

    private static final Pattern BOILERPLATE_NAME = Pattern.compile(
            "(?i)(?:^|[\\s_-])(cookies?|consent|gdpr|banner|share|sharing|social|sidebar|navbar|nav|menu|breadcrumbs?"
                    + "|skip|skiplink|masthead|footer|site-?header|advert|ads|advertisement|promo|newsletter|subscribe"
                    + "|related|popup|modal|toc|pagination|pager|comments?|feedback)(?:[\\s_-]|$)");
    private static final Pattern SKIP_LINK = Pattern.compile("(?i)\\s*skip\\s+(to|navigation|nav)\\b.*");
    private static final Set<String> PRUNABLE = Set.of("div", "section", "ul", "ol", "menu", "dl", "p", "table");
    private static final Evaluator HEADINGS = QueryParser.parse("h1, h2, h3, h4, h5, h6");
    private static final Evaluator CODE = QueryParser.parse("pre, code");

    private BoilerplateFilter() {}

    /** Removes non-content elements from the whole document. */
    static void removeNonContent(Document document) {
        document.select(NOT_CONTENT).remove();
        document.select("footer").remove();
        // A header inside the main content or an article holds its headline, not the site banner.
        for (Element header : document.select("header")) {
            if (header.parents().stream().noneMatch(parent -> parent.nameIs("main") || parent.nameIs("article"))) {
                header.remove();
            }
        }
        document.select("a").stream()
                .filter(anchor -> SKIP_LINK.matcher(anchor.text()).matches())
                .forEach(Element::remove);
        int pageText = document.body().text().length();
        for (Element element : document.body().select("[class], [id]")) {
            if (element.parent() != null
                    && element.closest(CODE) == null
                    && BOILERPLATE_NAME
                            .matcher(element.className() + " " + element.id())
                            .find()
                    && !isContentWrapper(element, pageText)) {
                element.remove();
            }
        }
    }

    /** Removes the link-dense blocks below {@code root}, which itself stays. */
    static void removeLinkDense(Element root) {
        Deque<Element> pending = new ArrayDeque<>(root.children());
        while (!pending.isEmpty()) {
            Element element = pending.pop();
            if (PRUNABLE.contains(element.normalName()) && isLinkDense(element)) {
                element.remove();
            } else {
                element.children().forEach(pending::push);
            }
        }
    }

    /** The share of {@code element}'s text inside links, not counting links in headings (permalinks, titles). */
    static double linkDensity(Element element) {
        int text = element.text().length();
        if (text == 0) {
            return 0;
        }
        int linkText = 0;
        for (Element anchor : element.select("a")) {
            if (anchor.closest(HEADINGS) == null) {
                linkText += anchor.text().length();
            }
        }
        return Math.min(1, (double) linkText / text);
    }

    private static boolean isLinkDense(Element element) {
        return element.selectFirst("pre") == null
                && element.select("a").size() >= MIN_LINKS_OF_NAVIGATION
                && linkDensity(element) > MAX_LINK_DENSITY;
    }

    private static boolean isContentWrapper(Element element, int pageText) {
        return element.nameIs("body")
                || element.selectFirst("main, article, [role=main], h1") != null
                || element.text().length() > WRAPPER_TEXT_SHARE * pageText;
    }
}
