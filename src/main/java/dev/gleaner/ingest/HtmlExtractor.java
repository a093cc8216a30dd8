package dev.gleaner.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * Extracts the readable text, title, links, canonical URL and robots directives of an HTML page.
 *
 * <p>The charset is the one the content type declares, else the page's {@code <meta charset>} or byte-order mark, else
 * UTF-8. Links come from every {@code <a href>} and {@code <area href>} of the page, navigation included, resolved
 * against the page URL (or its {@code <base href>}); so is the first {@code <link rel="canonical" href>} of the head.
 * The text is Markdown ({@link MarkdownRenderer}: headings with their anchors, lists, pipe tables, fenced code,
 * definition lists, admonitions, quotes, inline code; the format is described on {@link ExtractedPage}) of the main
 * content ({@link MainContentFinder}: {@code <main>}, else the {@code <article>}s, else the densest text container)
 * without boilerplate ({@link BoilerplateFilter}: scripts, navigation, site headers and footers, sidebars, cookie
 * banners, share widgets, breadcrumbs, edit links, tables of contents, feedback and comment widgets, hidden elements,
 * link-dense blocks). How much of the main content is links ({@link MainContentLinks}) is measured before its
 * link-dense blocks go, so that a table of contents is known for one.
 *
 * <p>Hostile pages cannot hold a worker: nesting deeper than {@link HtmlLimits#maxDepth()} is flattened right after
 * parsing, every later step is linear in the number of nodes, and the whole extraction (parsing included) stops after
 * {@link HtmlLimits#timeout()} by the injected clock. Thread-safe.
 */
public final class HtmlExtractor {
    public static final int DEFAULT_MAX_TEXT_CHARS = HtmlLimits.DEFAULT_MAX_TEXT_CHARS;
    public static final int DEFAULT_MAX_LINKS = HtmlLimits.DEFAULT_MAX_LINKS;
    public static final int MAX_TITLE_CHARS = 300;

    private final HtmlLimits limits;
    private final Clock clock;

    /** The default limits, timed by the system clock. */
    public HtmlExtractor() {
        this(HtmlLimits.DEFAULTS, Clock.systemUTC());
    }

    /** Keeps at most {@code maxTextChars} characters of text and the first {@code maxLinks} links. */
    public HtmlExtractor(int maxTextChars, int maxLinks) {
        this(
                new HtmlLimits(maxTextChars, maxLinks, HtmlLimits.DEFAULT_MAX_DEPTH, HtmlLimits.DEFAULT_TIMEOUT),
                Clock.systemUTC());
    }

    public HtmlExtractor(HtmlLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** The page's content, or {@link DocumentReading.Unreadable} when extracting it took longer than the limit. */
    public DocumentReading read(byte[] body, @Nullable String contentType, URI pageUrl) {
        try {
            return new DocumentReading.Read(extract(body, contentType, pageUrl));
        } catch (ExtractionTimeoutException tooSlow) {
            return new DocumentReading.Unreadable(
                    DocumentProblem.TOO_SLOW, "HTML", String.valueOf(tooSlow.getMessage()));
        }
    }

    /**
     * The page's content.
     *
     * @throws ExtractionTimeoutException when extracting it took longer than {@link HtmlLimits#timeout()}
     */
    public ExtractedPage extract(byte[] body, @Nullable String contentType, URI pageUrl) {
        ExtractionDeadline deadline = new ExtractionDeadline(clock, limits.timeout());
        Document document =
                parse(deadline, body, ContentTypeHeader.parse(contentType).charset(), pageUrl);
        DepthCap.apply(document, limits.maxDepth(), deadline);
        List<String> links = links(document);
        Set<String> robots = robotsDirectives(document);
        String title = title(document, pageUrl);
        String canonical = canonical(document);
        deadline.check();
        Headings.markAnchors(document.body(), deadline);
        BoilerplateFilter.removeNonContent(document, deadline);
        NodeStats stats = NodeStats.of(document.body(), deadline);
        List<Element> roots = MainContentFinder.roots(document, stats, deadline);
        // Measured before link-dense blocks go: a list of links is what makes a table of contents.
        MainContentLinks mainContentLinks = MainContentLinks.of(roots, deadline);
        return new ExtractedPage(
                title,
                text(document, roots, stats, deadline),
                links,
                robots.contains("noindex") || robots.contains("none"),
                robots.contains("nofollow") || robots.contains("none"),
                canonical,
                mainContentLinks);
    }

    private static Document parse(ExtractionDeadline deadline, byte[] body, @Nullable Charset charset, URI pageUrl) {
        try {
            return Jsoup.parse(
                    deadline.guard(new ByteArrayInputStream(body)),
                    charset == null ? null : charset.name(),
                    pageUrl.toString());
        } catch (IOException impossibleInMemory) {
            throw new UncheckedIOException(impossibleInMemory);
        }
    }

    private List<String> links(Document document) {
        Set<String> links = new LinkedHashSet<>();
        for (Element anchor : document.select("a[href], area[href]")) {
            if (links.size() >= limits.maxLinks()) {
                break;
            }
            String link = CrawlableUrls.crawlable(anchor.absUrl("href"));
            if (link != null) {
                links.add(link);
            }
        }
        return new ArrayList<>(links);
    }

    /** The first {@code <link rel="canonical">} of the head, resolved as links are; null when it is not one. */
    private static @Nullable String canonical(Document document) {
        Element link = document.head().selectFirst("link[rel~=(?i)(^|\\s)canonical(\\s|$)][href]");
        // An empty href would resolve to the page itself, which names nothing.
        return link == null || link.attr("href").isBlank() ? null : CrawlableUrls.crawlable(link.absUrl("href"));
    }

    private static Set<String> robotsDirectives(Document document) {
        Set<String> directives = new LinkedHashSet<>();
        for (Element meta : document.select("meta[name=robots][content]")) {
            for (String directive :
                    meta.attr("content").toLowerCase(Locale.ROOT).split("[,\\s]+", -1)) {
                if (!directive.isEmpty()) {
                    directives.add(directive);
                }
            }
        }
        return directives;
    }

    private static String title(Document document, URI pageUrl) {
        String title = TextCleaner.title(document.title(), MAX_TITLE_CHARS);
        if (title.isEmpty()) {
            Element heading = document.selectFirst("h1");
            title = heading == null ? "" : TextCleaner.title(heading.text(), MAX_TITLE_CHARS);
        }
        return title.isEmpty() ? TextCleaner.title(pageUrl.toString(), MAX_TITLE_CHARS) : title;
    }

    private String text(Document document, List<Element> roots, NodeStats stats, ExtractionDeadline deadline) {
        roots.forEach(root -> BoilerplateFilter.removeLinkDense(root, stats, deadline));
        String text = MarkdownRenderer.render(roots, stats, deadline, limits.maxTextChars());
        if (text.isEmpty() && !roots.equals(List.of(document.body()))) {
            text = MarkdownRenderer.render(List.of(document.body()), stats, deadline, limits.maxTextChars());
        }
        return TextCleaner.bounded(text, limits.maxTextChars());
    }
}
