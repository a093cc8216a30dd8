package dev.gleaner.ingest;

import java.net.URI;
import java.nio.CharBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.exception.WriteLimitReachedException;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Renders the XHTML events a Tika parser emits into the {@link ExtractedPage} text format: block elements become
 * paragraphs, {@code h1}–{@code h6} become {@code #}-prefixed lines, and so do paragraphs whose style class names a
 * heading in another language (Tika renders Word's English heading style names as {@code h1}–{@code h6}, but a style
 * named "Überschrift 2" or "Titre 2" as {@code <p class="überschrift_2">}); the cells of a table row share one line. A
 * PDF's bookmarks ({@link PdfOutline}) become headings on their pages: before the first paragraph of the page that
 * starts with the bookmark's title (replacing it when it is only that title), else at the start of the page, after
 * the page's earlier bookmarks. Collects
 * the {@code <a href>} targets as links; leaves out the text of PDF annotations. Enforces the text limit (by throwing
 * Tika's {@link WriteLimitReachedException}) and the parse deadline (by throwing on every event once it has passed).
 * One instance handles one document; not thread-safe.
 */
final class DocumentTextHandler extends DefaultHandler {
    private static final Set<String> BLOCKS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "caption",
            "dd",
            "div",
            "dl",
            "dt",
            "figcaption",
            "figure",
            "footer",
            "header",
            "hr",
            "li",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "tbody",
            "tfoot",
            "thead",
            "tr",
            "ul");
    private static final Set<String> CELLS = Set.of("td", "th");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    /** Heading style names of Word and LibreOffice in other languages, as Tika's class attribute spells them. */
    private static final Pattern LOCALIZED_HEADING_CLASS = Pattern.compile(
            "(?:heading|\u00fcberschrift|titre|t\u00edtulo|titulo|titolo|kop|rubrik|otsikko|overskrift|nadpis"
                    + "|nag\u0142\u00f3wek|\u0437\u0430\u0433\u043e\u043b\u043e\u0432\u043e\u043a|c\u00edmsor"
                    + "|kopteksten|encabezado|cabe\u00e7alho)_?([1-6])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final URI source;
    private final PdfOutline outline;
    private final DocumentLimits limits;
    private final Clock clock;
    private final Instant deadline;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder paragraph = new StringBuilder();
    private final StringBuilder heading = new StringBuilder();
    private final Set<String> links = new LinkedHashSet<>();
    private String firstHeading = "";
    private int headingLevel;
    /** The element that opened the current heading: {@code h1}–{@code h6}, or {@code p} with a heading style. */
    private String headingTag = "";

    private int cellDepth;
    private int skippedDepth;
    private boolean inBody;
    private boolean textLimitReached;
    private boolean deadlinePassed;
    /** The blocks of the current PDF page while it has bookmarks to place; null otherwise. */
    private @Nullable List<String> pageBlocks;

    private int pageBlockChars;
    private int pageIndex = -1;
    private int divDepth;
    private int pageDivDepth = -1;

    DocumentTextHandler(URI source, DocumentLimits limits, Clock clock) {
        this(source, PdfOutline.NONE, limits, clock);
    }

    DocumentTextHandler(URI source, PdfOutline outline, DocumentLimits limits, Clock clock) {
        this.source = source;
        this.outline = outline;
        this.limits = limits;
        this.clock = clock;
        this.deadline = clock.instant().plus(limits.parseTimeout());
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        checkDeadline();
        String name = elementName(localName, qName);
        if (name.equals("body")) {
            inBody = true;
        } else if (inBody && skippedDepth > 0) {
            skippedDepth++;
            collectLink(name, attributes);
        } else if (inBody && name.equals("div") && "annotation".equals(attributes.getValue("class"))) {
            // A PDF annotation's text is the link target or a reviewer's note, not the document's content.
            skippedDepth = 1;
        } else if (inBody) {
            open(name, attributes);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        checkDeadline();
        String name = elementName(localName, qName);
        if (name.equals("body")) {
            flushParagraph();
            inBody = false;
        } else if (inBody && skippedDepth > 0) {
            skippedDepth--;
        } else if (inBody) {
            close(name);
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        checkDeadline();
        if (!inBody || skippedDepth > 0) {
            return;
        }
        // Line ends inside a paragraph are layout (a PDF's lines), not structure: only <br> breaks a line.
        String run = WHITESPACE.matcher(CharBuffer.wrap(ch, start, length)).replaceAll(" ");
        (headingLevel > 0 ? heading : paragraph).append(run);
        if (text.length() + pageBlockChars + paragraph.length() + heading.length() > limits.maxTextChars()) {
            textLimitReached = true;
            throw new WriteLimitReachedException(limits.maxTextChars());
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    /** The text so far, in the {@link ExtractedPage} format and within the text limit. */
    String text() {
        flushParagraph();
        endPage();
        return TextCleaner.bounded(TextCleaner.normalized(text.toString()), limits.maxTextChars());
    }

    List<String> links() {
        return new ArrayList<>(links);
    }

    /** The text of the first heading, or empty when there was none. */
    String firstHeading() {
        return firstHeading;
    }

    boolean textLimitReached() {
        return textLimitReached;
    }

    boolean deadlinePassed() {
        return deadlinePassed;
    }

    private void open(String name, Attributes attributes) {
        if (name.equals("div")) {
            divDepth++;
            if ("page".equals(attributes.getValue("class"))) {
                startPage();
            }
        }
        int level = headingLevel(name);
        if (level == 0 && name.equals("p")) {
            level = localizedHeadingLevel(attributes.getValue("class"));
            if (level > 0) {
                headingTag = "p";
            }
        } else if (level > 0) {
            headingTag = name;
        }
        if (level > 0) {
            flushParagraph();
            headingLevel = level;
            heading.setLength(0);
        } else if (name.equals("a")) {
            collectLink(name, attributes);
        } else if (name.equals("br")) {
            paragraph.append('\n');
        } else if (CELLS.contains(name)) {
            cellDepth++;
            paragraph.append(' ');
        } else if (BLOCKS.contains(name)) {
            blockBoundary();
        }
    }

    private void close(String name) {
        if (headingLevel > 0 && name.equals(headingTag)) {
            emitHeading();
        } else if (CELLS.contains(name)) {
            cellDepth = Math.max(0, cellDepth - 1);
            paragraph.append(' ');
        } else if (BLOCKS.contains(name)) {
            blockBoundary();
        }
        if (name.equals("div")) {
            if (divDepth == pageDivDepth) {
                flushParagraph();
                endPage();
            }
            divDepth = Math.max(0, divDepth - 1);
        }
    }

    private void startPage() {
        flushParagraph();
        endPage();
        pageIndex++;
        pageDivDepth = divDepth;
        if (!outline.onPage(pageIndex).isEmpty()) {
            pageBlocks = new ArrayList<>();
            pageBlockChars = 0;
        }
    }

    /** Places the page's bookmarks among its blocks and appends them to the text. */
    private void endPage() {
        pageDivDepth = -1;
        List<String> blocks = pageBlocks;
        if (blocks == null) {
            return;
        }
        pageBlocks = null;
        pageBlockChars = 0;
        int next = 0;
        for (PdfOutline.Heading bookmark : outline.onPage(pageIndex)) {
            String line = "#".repeat(bookmark.level()) + " " + bookmark.title();
            int at = startingWith(blocks, next, bookmark.title());
            if (at < 0) {
                blocks.add(next, line);
            } else if (blocks.get(at).startsWith("#")) {
                // A tagged PDF marks the heading already.
            } else if (oneLine(blocks.get(at)).equals(bookmark.title())) {
                blocks.set(at, line);
            } else {
                blocks.add(at, line);
            }
            next = (at < 0 ? next : at) + 1;
            if (firstHeading.isEmpty()) {
                firstHeading = bookmark.title();
            }
        }
        blocks.forEach(this::appendToText);
    }

    /** The first block from {@code from} on whose text (a heading's without its marks) starts with {@code title}. */
    private static int startingWith(List<String> blocks, int from, String title) {
        for (int i = from; i < blocks.size(); i++) {
            String block = blocks.get(i);
            String plain = block.startsWith("#") ? block.replaceFirst("^#+ ", "") : block;
            if (oneLine(plain).startsWith(title)) {
                return i;
            }
        }
        return -1;
    }

    /** Inside a table cell a block only separates words, so that a row stays on one line. */
    private void blockBoundary() {
        if (cellDepth > 0) {
            paragraph.append(' ');
        } else {
            flushParagraph();
        }
    }

    private void emitHeading() {
        String title = oneLine(heading.toString());
        heading.setLength(0);
        if (!title.isEmpty()) {
            appendParagraph("#".repeat(headingLevel) + " " + title);
            if (firstHeading.isEmpty()) {
                firstHeading = title;
            }
        }
        headingLevel = 0;
    }

    private void collectLink(String name, Attributes attributes) {
        String href = attributes.getValue("href");
        if (!name.equals("a") || href == null || links.size() >= limits.maxLinks()) {
            return;
        }
        String link = CrawlableUrls.resolved(source, href);
        if (link != null) {
            links.add(link);
        }
    }

    private void flushParagraph() {
        StringBuilder lines = new StringBuilder();
        for (String line : paragraph.toString().split("\n", -1)) {
            String collapsed = oneLine(line);
            if (!collapsed.isEmpty()) {
                lines.append(lines.isEmpty() ? "" : "\n").append(collapsed);
            }
        }
        paragraph.setLength(0);
        if (!lines.isEmpty()) {
            appendParagraph(lines.toString());
        }
    }

    private void appendParagraph(String block) {
        List<String> blocks = pageBlocks;
        if (blocks != null) {
            blocks.add(block);
            pageBlockChars += block.length() + 2;
        } else {
            appendToText(block);
        }
    }

    private void appendToText(String block) {
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(block);
    }

    private void checkDeadline() throws SAXException {
        if (deadlinePassed || clock.instant().isAfter(deadline)) {
            deadlinePassed = true;
            throw new SAXException("parsing took longer than " + limits.parseTimeout());
        }
    }

    private static String elementName(String localName, String qName) {
        String name = localName.isEmpty() ? qName : localName;
        int colon = name.indexOf(':');
        return (colon >= 0 ? name.substring(colon + 1) : name).toLowerCase(Locale.ROOT);
    }

    private static int headingLevel(String name) {
        return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6'
                ? name.charAt(1) - '0'
                : 0;
    }

    private static int localizedHeadingLevel(@Nullable String styleClass) {
        if (styleClass == null) {
            return 0;
        }
        java.util.regex.Matcher matcher = LOCALIZED_HEADING_CLASS.matcher(styleClass);
        return matcher.matches() ? matcher.group(1).charAt(0) - '0' : 0;
    }

    private static String oneLine(String raw) {
        return WHITESPACE.matcher(raw).replaceAll(" ").strip();
    }
}
