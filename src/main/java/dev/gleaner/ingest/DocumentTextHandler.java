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
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Renders the XHTML events a Tika parser emits into the {@link ExtractedPage} text format: block elements become
 * paragraphs, {@code h1}–{@code h6} become {@code #}-prefixed lines, the cells of a table row share one line. Collects
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

    private final URI source;
    private final DocumentLimits limits;
    private final Clock clock;
    private final Instant deadline;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder paragraph = new StringBuilder();
    private final StringBuilder heading = new StringBuilder();
    private final Set<String> links = new LinkedHashSet<>();
    private String firstHeading = "";
    private int headingLevel;
    private int cellDepth;
    private int skippedDepth;
    private boolean inBody;
    private boolean textLimitReached;
    private boolean deadlinePassed;

    DocumentTextHandler(URI source, DocumentLimits limits, Clock clock) {
        this.source = source;
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
        if (text.length() + paragraph.length() + heading.length() > limits.maxTextChars()) {
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
        int level = headingLevel(name);
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
        if (headingLevel(name) > 0 && headingLevel > 0) {
            emitHeading();
        } else if (CELLS.contains(name)) {
            cellDepth = Math.max(0, cellDepth - 1);
            paragraph.append(' ');
        } else if (BLOCKS.contains(name)) {
            blockBoundary();
        }
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
        for (String line : paragraph.toString().split("\n")) {
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

    private static String oneLine(String raw) {
        return WHITESPACE.matcher(raw).replaceAll(" ").strip();
    }
}
