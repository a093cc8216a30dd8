package dev.gleaner.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jspecify.annotations.Nullable;

/**
 * Heading text and anchors. A heading's text leaves out permalink markers (the {@code ¶}, {@code #}, {@code §} or icon
 * links site generators add, labels such as "Direct link to …", zero-width characters). Its anchor is the fragment a
 * browser scrolls to for it, resolved on the whole page before boilerplate goes (a permalink icon may be hidden) and
 * kept on the heading as {@link #ANCHOR_ATTRIBUTE}.
 */
final class Headings {
    /** Where {@link #markAnchors} leaves a heading's or definition term's anchor for the renderer. */
    static final String ANCHOR_ATTRIBUTE = "data-gleaner-anchor";

    /** Bounds the look inside one heading, so nested headings cost no more than a constant each. */
    private static final int MAX_NODES_INSPECTED = 64;

    /** How many wrappers a heading may sit in (DocBook's titlepage divs) and still open its section. */
    private static final int MAX_SECTION_CLIMB = 5;

    private static final Pattern PERMALINK_TEXT = Pattern.compile("[\\s\\u00A0#¶§🔗\\u200B-\\u200D\\u2060\\uFEFF]*");
    private static final Pattern PERMALINK_LABEL =
            Pattern.compile("(?i)\\s*(direct link to|permalink|permanent link|link to this|anchor link).*");
    private static final Pattern PERMALINK_CLASS = Pattern.compile(
            "(?i)(?:^|\\s)(headerlink|hash-link|anchor|anchorjs-link|permalink|heading-anchor|header-anchor"
                    + "|anchor-link|direct-link|id_link|viewcode-link|viewcode-back)(?:\\s|$)");
    private static final Pattern SECTION_CLASS = Pattern.compile(
            "(?i)(?:^|\\s)(section|sect[1-5]|refsect[1-3]|refentry|chapter|appendix|preface|simplesect)(?:\\s|$)");
    private static final Pattern ZERO_WIDTH = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF]");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern TRAILING_MARKER = Pattern.compile("(\\s*[¶§🔗]|\\s+#)+$");

    private Headings() {}

    /** 1 to 6 for {@code <h1>}…{@code <h6>}, else 0. */
    static int level(Element element) {
        String name = element.normalName();
        return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6'
                ? name.charAt(1) - '0'
                : 0;
    }

    /** Resolves and records the anchor of every heading and definition term of {@code root}. */
    static void markAnchors(Element root, ExtractionDeadline deadline) {
        Set<String> targets = new HashSet<>();
        java.util.List<Element> labelled = new java.util.ArrayList<>();
        NodeTraversor.traverse(
                (NodeVisitor) (node, depth) -> {
                    if (node instanceof Element element) {
                        deadline.step();
                        if (!element.id().isEmpty()) {
                            targets.add(element.id());
                        }
                        if (element.nameIs("a") && element.hasAttr("name")) {
                            targets.add(element.attr("name"));
                        }
                        if (level(element) > 0 || element.nameIs("dt")) {
                            labelled.add(element);
                        }
                    }
                },
                root);
        for (Element element : labelled) {
            deadline.step();
            String anchor = element.nameIs("dt") ? termAnchor(element, targets) : headingAnchor(element, targets);
            if (anchor == null) {
                element.removeAttr(ANCHOR_ATTRIBUTE);
            } else {
                element.attr(ANCHOR_ATTRIBUTE, anchor);
            }
        }
    }

    /** The anchor {@link #markAnchors} found for {@code element}, or null. */
    static @Nullable String anchor(Element element) {
        String anchor = element.attr(ANCHOR_ATTRIBUTE);
        return anchor.isEmpty() ? null : anchor;
    }

    /**
     * The heading's own id, else an id (or {@code <a name>}) inside it, else the id of the section it opens, else an
     * empty anchor or span right before it, else the target of its permalink.
     */
    private static @Nullable String headingAnchor(Element heading, Set<String> targets) {
        String anchor = valid(heading.id());
        if (anchor == null) {
            anchor = idInside(heading);
        }
        if (anchor == null) {
            anchor = openedSection(heading);
        }
        if (anchor == null) {
            anchor = markerBefore(heading);
        }
        return anchor == null ? permalinkTarget(heading, targets) : anchor;
    }

    private static @Nullable String termAnchor(Element term, Set<String> targets) {
        String anchor = valid(term.id());
        if (anchor == null) {
            anchor = idInside(term);
        }
        return anchor == null ? permalinkTarget(term, targets) : anchor;
    }

    private static @Nullable String idInside(Element element) {
        for (Element inner : firstDescendants(element)) {
            String id = valid(inner.id());
            if (id == null && inner.nameIs("a")) {
                id = valid(inner.attr("name"));
            }
            if (id != null && !isPermalink(inner)) {
                return id;
            }
        }
        return null;
    }

    private static @Nullable String openedSection(Element heading) {
        Element current = heading;
        for (int climb = 0; climb < MAX_SECTION_CLIMB; climb++) {
            Element parent = current.parent();
            if (parent == null || !opens(parent, current)) {
                return null;
            }
            if ((parent.nameIs("section")
                            || (parent.nameIs("div")
                                    && SECTION_CLASS.matcher(parent.className()).find()))
                    && valid(parent.id()) != null) {
                return parent.id();
            }
            current = parent;
        }
        return null;
    }

    /** Whether {@code element} is a section of a document: {@code <section>}, or a div classed as one by Sphinx or DocBook. */
    static boolean isSection(Element element) {
        return element.nameIs("section")
                || (element.nameIs("div")
                        && SECTION_CLASS.matcher(element.className()).find());
    }

    /** Whether nothing with text comes before {@code child} in {@code parent} (judged from a few siblings). */
    @SuppressWarnings(
            "ReferenceEquality") // jsoup nodes are one tree: identity is the meaning (Node.equals is identity too)
    private static boolean opens(Element parent, Element child) {
        int inspected = 0;
        for (Node sibling = child.previousSibling(); sibling != null; sibling = sibling.previousSibling()) {
            if (++inspected > MAX_SECTION_CLIMB
                    || (sibling instanceof TextNode text && !text.isBlank())
                    || (sibling instanceof Element element && mayHaveText(element))) {
                return false;
            }
        }
        return child.parent() == parent;
    }

    /** Whether {@code element} has text, judged from its first nodes: a large subtree is taken to have some. */
    private static boolean mayHaveText(Element element) {
        int inspected = 0;
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(element);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (++inspected > MAX_NODES_INSPECTED || (node instanceof TextNode text && !text.isBlank())) {
                return true;
            }
            if (node.childNodeSize() > MAX_NODES_INSPECTED) {
                return true;
            }
            node.childNodes().forEach(pending::push);
        }
        return false;
    }

    /** The first descendants of {@code element} in document order, at most {@link #MAX_NODES_INSPECTED}. */
    private static java.util.List<Element> firstDescendants(Element element) {
        java.util.List<Element> found = new java.util.ArrayList<>();
        Deque<Element> pending = new ArrayDeque<>();
        pushFirstChildren(element, pending);
        while (!pending.isEmpty() && found.size() < MAX_NODES_INSPECTED) {
            Element next = pending.pop();
            found.add(next);
            pushFirstChildren(next, pending);
        }
        return found;
    }

    private static void pushFirstChildren(Element element, Deque<Element> pending) {
        for (int i = Math.min(element.childrenSize(), MAX_NODES_INSPECTED) - 1; i >= 0; i--) {
            pending.push(element.child(i));
        }
    }

    private static @Nullable String markerBefore(Element heading) {
        Element before = heading.previousElementSibling();
        if (before == null || !(before.nameIs("a") || before.nameIs("span")) || mayHaveText(before)) {
            return null;
        }
        String id = valid(before.id());
        return id == null && before.nameIs("a") ? valid(before.attr("name")) : id;
    }

    /**
     * The target of a permalink in the element or right after it (GitHub puts it beside the heading): its own id when
     * it has one, else its {@code href="#x"} when {@code x} (or GitHub's {@code user-content-x}) exists on the page.
     */
    private static @Nullable String permalinkTarget(Element element, Set<String> targets) {
        Deque<Element> candidates = new ArrayDeque<>();
        for (Element inner : firstDescendants(element)) {
            if (inner.nameIs("a")) {
                candidates.add(inner);
            }
        }
        Element after = element.nextElementSibling();
        if (after != null && after.nameIs("a") && isPermalink(after)) {
            String own = valid(after.id());
            if (own != null) {
                return own;
            }
            candidates.add(after);
        }
        for (Element link : candidates) {
            String href = link.attr("href");
            if (href.startsWith("#") && href.length() > 1) {
                String fragment = valid(href.substring(1));
                if (fragment != null && targets.contains(fragment)) {
                    return fragment;
                }
                if (fragment != null && targets.contains("user-content-" + fragment)) {
                    return "user-content-" + fragment;
                }
            }
        }
        return null;
    }

    /** Whether {@code link} is a permalink marker rather than words of the heading. */
    static boolean isPermalink(Element link) {
        if (!link.nameIs("a")) {
            return false;
        }
        return PERMALINK_CLASS.matcher(link.className()).find()
                || PERMALINK_LABEL.matcher(link.attr("aria-label")).matches()
                || PERMALINK_LABEL.matcher(link.attr("title")).matches()
                || (link.attr("href").startsWith("#")
                        && PERMALINK_TEXT.matcher(link.text()).matches())
                || link.text().strip().equals("[source]");
    }

    /** The words of a heading or term: permalink markers, zero-width characters and line breaks left out. */
    @SuppressWarnings(
            "ReferenceEquality") // jsoup nodes are one tree: identity is the meaning (Node.equals is identity too)
    static String text(Element heading) {
        StringBuilder text = new StringBuilder();
        NodeTraversor.filter(
                new org.jsoup.select.NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof Element element && element != heading && isPermalink(element)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (node instanceof TextNode textNode) {
                            text.append(textNode.getWholeText());
                        } else if (node instanceof Element element && (element.nameIs("br") || element.isBlock())) {
                            text.append(' ');
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                heading);
        String oneLine = WHITESPACE
                .matcher(ZERO_WIDTH.matcher(text).replaceAll(""))
                .replaceAll(" ")
                .strip();
        return TRAILING_MARKER.matcher(oneLine).replaceAll("");
    }

    /** {@code id} when it can follow a heading as {@code {#id}}: not empty, no whitespace, no closing brace. */
    static @Nullable String valid(String id) {
        if (id.isEmpty() || id.indexOf('}') >= 0) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isWhitespace(id.charAt(i)) || Character.isISOControl(id.charAt(i))) {
                return null;
            }
        }
        return id;
    }
}
