package dev.gleaner.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Removes what is not a page's own content: scripts and styles, navigation, site headers and footers, sidebars,
 * forms, hidden elements, cookie and consent banners, share widgets, breadcrumbs, "edit this page" links, version
 * pickers, prev/next pagination, tables of contents, feedback widgets, related articles and comments (by element, ARIA
 * role, and {@code id}/{@code class} words), and within the content, link-dense blocks, which are navigation whatever
 * their markup. Never removes an element holding a {@code <main>}, an {@code <article>}, an {@code <h1>} or most of
 * the page's text, so a wrapper named badly does not take the content with it. Hidden tab panels (the other tabs of
 * a code sample) and admonitions in {@code <aside>} stay. Every pass is one walk over the page, judging elements by
 * {@link NodeStats} and removing them in bulk, so the filter is linear in the page's size.
 */
final class BoilerplateFilter {
    /** A block whose link text is more than this share of its text is navigation. */
    static final double MAX_LINK_DENSITY = 0.5;

    /** A block needs at least this many links to be judged link-dense (a sentence with one link is content). */
    static final int MIN_LINKS_OF_NAVIGATION = 3;

    /** An element holding more than this share of the page's text is a content wrapper, whatever its name. */
    static final double WRAPPER_TEXT_SHARE = 0.5;

    /** Only links this short are looked at as "skip to content" links. */
    private static final int MAX_SKIP_LINK_CHARS = 80;

    private static final Evaluator NOT_CONTENT = QueryParser.parse(
            String.join(
                    ", ",
                    "script, style, noscript, template, svg, math, iframe, object, embed, canvas",
                    "nav, aside, form, button, select, textarea, input, dialog",
                    "[role=navigation], [role=banner], [role=contentinfo], [role=search], [role=dialog], [role=complementary]"));
    private static final Evaluator HIDDEN = QueryParser.parse(
            "[hidden], [aria-hidden=true], [style~=(?i)display\\s*:\\s*none], [style~=(?i)visibility\\s*:\\s*hidden]");

    private static final Pattern BOILERPLATE_NAME = Pattern.compile(
            "(?i)(?:^|[\\s_-])(cookies?|consent|gdpr|banner|share|sharing|social|sidebar|navbar|nav|menu|breadcrumbs?"
                    + "|skip|skiplink|masthead|footer|site-?header|advert|ads|advertisement|promo|newsletter|subscribe"
                    + "|related|popup|modal|toc|pagination|pager|comments?|feedback|edit-?this-?page|edit-?link"
                    + "|page-?edit|version-?(?:picker|selector|switcher|dropdown)|search-?box|searchbox|prev-?next"
                    + "|article-?votes?|was-?this-?helpful|helpful|rating|tags|post-?tags|byline|post-?meta"
                    + "|page-?metadata|page-?tree|paginator|article-?meta|article-?author|author-?(?:box|bio|info)"
                    + "|article-?subscribe|likes?|labels?-section)(?:[\\s_-]|$)");
    private static final Pattern SKIP_LINK = Pattern.compile("(?i)\\s*skip\\s+(to|navigation|nav)\\b.*");
    private static final Set<String> PRUNABLE = Set.of("div", "section", "ul", "ol", "menu", "dl", "p", "table");

    private BoilerplateFilter() {}

    /** Removes non-content elements from the whole document. */
    static void removeNonContent(Document document, ExtractionDeadline deadline) {
        Removal.removeAll(nonContent(document, deadline));
        Element body = document.body();
        NodeStats stats = NodeStats.of(body, deadline);
        Removal.removeAll(namedBoilerplate(body, stats, deadline));
    }

    /** Scripts, navigation, forms, hidden elements, footers, site headers and skip links. */
    private static List<Element> nonContent(Document document, ExtractionDeadline deadline) {
        List<Element> doomed = new ArrayList<>();
        walk(document, deadline, (element, inContent, inCode) -> {
            boolean remove = (NOT_CONTENT.matches(document, element) && !Admonitions.isAdmonition(element))
                    || (HIDDEN.matches(document, element)
                            && !element.attr("role").equals("tabpanel"))
                    || element.nameIs("footer")
                    || (element.nameIs("header") && !inContent)
                    || (element.nameIs("a") && isSkipLink(element));
            if (remove) {
                doomed.add(element);
            }
            return remove;
        });
        return doomed;
    }

    /** Elements named as boilerplate by their class or id, unless they wrap the content. */
    @SuppressWarnings(
            "ReferenceEquality") // jsoup nodes are one tree: identity is the meaning (Node.equals is identity too)
    private static List<Element> namedBoilerplate(Element body, NodeStats stats, ExtractionDeadline deadline) {
        int pageText = stats.of(body).text;
        List<Element> doomed = new ArrayList<>();
        walk(body, deadline, (element, inContent, inCode) -> {
            boolean remove = !inCode
                    && element != body
                    && !element.nameIs("pre")
                    && !element.nameIs("code")
                    && (element.hasAttr("class") || element.hasAttr("id"))
                    && BOILERPLATE_NAME
                            .matcher(element.className() + " " + element.id())
                            .find()
                    && !isContentWrapper(stats.of(element), pageText);
            if (remove) {
                doomed.add(element);
            }
            return remove;
        });
        return doomed;
    }

    /** Removes the link-dense blocks below {@code root}, which itself stays. */
    @SuppressWarnings(
            "ReferenceEquality") // jsoup nodes are one tree: identity is the meaning (Node.equals is identity too)
    static void removeLinkDense(Element root, NodeStats stats, ExtractionDeadline deadline) {
        List<Element> doomed = new ArrayList<>();
        walk(root, deadline, (element, inContent, inCode) -> {
            boolean remove = element != root && PRUNABLE.contains(element.normalName()) && isLinkDense(stats, element);
            if (remove) {
                doomed.add(element);
            }
            return remove;
        });
        Removal.removeAll(doomed);
    }

    private static boolean isLinkDense(NodeStats stats, Element element) {
        NodeStats.Stats facts = stats.of(element);
        return !facts.pre && facts.links >= MIN_LINKS_OF_NAVIGATION && stats.linkDensity(element) > MAX_LINK_DENSITY;
    }

    private static boolean isSkipLink(Element anchor) {
        if (anchor.childNodeSize() > 8) {
            return false;
        }
        String text = anchor.text();
        return text.length() <= MAX_SKIP_LINK_CHARS && SKIP_LINK.matcher(text).matches();
    }

    private static boolean isContentWrapper(NodeStats.Stats facts, int pageText) {
        return facts.mainOrArticle || facts.h1 || facts.text > WRAPPER_TEXT_SHARE * pageText;
    }

    /** Decides on one element; true removes it, and its subtree is not visited. */
    private interface Judge {
        boolean removes(Element element, boolean inMainOrArticle, boolean inCode);
    }

    /** Visits {@code root}'s elements in document order, skipping the subtrees the judge removes. */
    private static void walk(Element root, ExtractionDeadline deadline, Judge judge) {
        Deque<Element> pending = new ArrayDeque<>();
        Deque<Integer> flags = new ArrayDeque<>();
        pending.push(root);
        flags.push(0);
        while (!pending.isEmpty()) {
            Element element = pending.pop();
            int inherited = flags.pop();
            deadline.step();
            if (judge.removes(element, (inherited & IN_CONTENT) != 0, (inherited & IN_CODE) != 0)) {
                continue;
            }
            int own = inherited;
            if (element.nameIs("main") || element.nameIs("article")) {
                own |= IN_CONTENT;
            }
            if (element.nameIs("pre") || element.nameIs("code")) {
                own |= IN_CODE;
            }
            List<Element> children = element.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
                flags.push(own);
            }
        }
    }

    private static final int IN_CONTENT = 1;
    private static final int IN_CODE = 2;
}
