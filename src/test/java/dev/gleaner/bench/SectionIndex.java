package dev.gleaner.bench;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The sections of a documentation site's pages, read from their HTML: every heading ({@code h1}–{@code h6}) with its
 * anchor, the id a link to that section uses, found where the site generators put it — on the heading itself, on an
 * {@code <a id>} or {@code <a name>} inside it (DocBook), on a permalink anchor beside it (GitHub's
 * {@code <a id="user-content-…" class="anchor">}), on the enclosing element the heading opens ({@code <section id>} of
 * Sphinx, {@code <section class="detail" id>} of Javadoc, {@code <div class="sect1" id>}), or in its own permalink's
 * {@code href} (a headerlink or hash-link). A section is named {@code page#anchor}; a heading without an anchor
 * {@code page#:text}.
 *
 * <p>A retrieved chunk is placed in a section by its heading path: the page's heading whose text (letters and digits,
 * ignoring permalink signs such as ¶ and #) equals the innermost heading of the chunk; among several with that text,
 * the one whose enclosing headings share most of the chunk's outer headings.
 */
final class SectionIndex {
    /** One heading of a page: its anchor, its normalised text, and the normalised texts of its enclosing headings. */
    record Section(String anchor, String text, List<String> outer) {}

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final String HEADINGS = "h1, h2, h3, h4, h5, h6";

    private final Map<String, List<Section>> pages;
    private final Set<String> units;

    private SectionIndex(Map<String, List<Section>> pages) {
        this.pages = pages;
        this.units = pages.entrySet().stream()
                .flatMap(page -> page.getValue().stream()
                        .filter(s -> !s.anchor().isEmpty())
                        .map(s -> page.getKey() + "#" + s.anchor()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Reads the sections of {@code pages} (site path → HTML). */
    static SectionIndex of(Map<String, String> pages) {
        Map<String, List<Section>> sections = new TreeMap<>();
        pages.forEach((path, html) -> sections.put(path, sections(Jsoup.parse(html))));
        return new SectionIndex(sections);
    }

    /** Every {@code page#anchor} of the site. */
    Set<String> units() {
        return units;
    }

    int sectionCount() {
        return pages.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The section of {@code page} a chunk with {@code headingPath} belongs to: {@code page#anchor}; {@code page#:text}
     * when its heading has no anchor, {@code page#?text} when no heading of the page has that text, {@code page#}
     * before any heading.
     */
    String unitOf(String page, List<String> headingPath) {
        if (headingPath.isEmpty()) {
            return page + "#";
        }
        String inner = normalise(headingPath.getLast());
        List<Section> candidates = pages.getOrDefault(page, List.of()).stream()
                .filter(s -> s.text().equals(inner))
                .toList();
        if (candidates.isEmpty() && inner.length() >= 3) {
            candidates = pages.getOrDefault(page, List.of()).stream()
                    .filter(s -> !s.text().isEmpty() && (s.text().startsWith(inner) || inner.startsWith(s.text())))
                    .toList();
        }
        if (candidates.isEmpty()) {
            return page + "#?" + inner;
        }
        List<String> outer = headingPath.subList(0, headingPath.size() - 1).stream()
                .map(SectionIndex::normalise)
                .toList();
        Section best = candidates.getFirst();
        long bestShared = -1;
        for (Section candidate : candidates) {
            long shared = outer.stream().filter(candidate.outer()::contains).count();
            if (shared > bestShared) {
                best = candidate;
                bestShared = shared;
            }
        }
        return page + "#" + (best.anchor().isEmpty() ? ":" + best.text() : best.anchor());
    }

    /** Lower-case letters and digits of a heading, single spaces between words; permalink signs and links dropped. */
    static String normalise(String heading) {
        String text = MARKDOWN_LINK.matcher(heading).replaceAll("$1");
        text = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(text).replaceAll(" ").strip();
    }

    private static List<Section> sections(Document document) {
        List<Section> sections = new ArrayList<>();
        Deque<Element> open = new ArrayDeque<>();
        for (Element heading : document.select(HEADINGS)) {
            int level = level(heading);
            while (!open.isEmpty() && level(open.peek()) >= level) {
                open.pop();
            }
            List<String> outer =
                    open.stream().map(h -> normalise(h.text())).toList().reversed();
            sections.add(new Section(anchorOf(heading), normalise(heading.text()), outer));
            open.push(heading);
        }
        return sections;
    }

    private static int level(Element heading) {
        return heading.tagName().charAt(1) - '0';
    }

    @SuppressWarnings("ReferenceEquality") // jsoup nodes are one tree: identity is the meaning
    private static String anchorOf(Element heading) {
        if (!heading.id().isEmpty()) {
            return heading.id();
        }
        for (Element anchor : heading.select("a[id], a[name]")) {
            return anchor.id().isEmpty() ? anchor.attr("name") : anchor.id();
        }
        Element parent = heading.parent();
        if (parent != null) {
            for (Element sibling : parent.children()) {
                if (sibling.nameIs("a")
                        && sibling.hasClass("anchor")
                        && !sibling.id().isEmpty()) {
                    return sibling.id();
                }
            }
        }
        for (Element ancestor : heading.parents()) {
            if (ancestor.nameIs("body")) {
                break;
            }
            if (!ancestor.id().isEmpty()) {
                if (ancestor.selectFirst(HEADINGS) == heading) {
                    return ancestor.id();
                }
                break;
            }
        }
        Element permalink = heading.selectFirst("a[href^=#]");
        return permalink == null ? "" : permalink.attr("href").substring(1);
    }
}
