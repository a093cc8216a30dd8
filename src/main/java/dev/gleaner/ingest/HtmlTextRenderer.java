package dev.gleaner.ingest;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Turns cleaned-up HTML into the {@link ExtractedPage} text format: block elements become paragraphs, headings become
 * {@code #}-prefixed lines, {@code <pre>} keeps its line breaks. One instance renders one document; not thread-safe.
 */
final class HtmlTextRenderer implements NodeFilter {
    private static final Set<String> BLOCKS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "caption",
            "center",
            "dd",
            "details",
            "dialog",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "header",
            "hr",
            "li",
            "main",
            "menu",
            "nav",
            "ol",
            "p",
            "section",
            "summary",
            "table",
            "tbody",
            "tfoot",
            "thead",
            "tr",
            "ul");
    private static final Set<String> CELLS = Set.of("td", "th");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private final int maxChars;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder paragraph = new StringBuilder();

    HtmlTextRenderer(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Appends the text of {@code root} as paragraphs of their own. */
    void render(Element root) {
        NodeTraversor.filter(this, root);
        flushParagraph();
    }

    /** Everything rendered so far, in the {@link ExtractedPage} format and within the length limit. */
    String text() {
        flushParagraph();
        return TextCleaner.bounded(TextCleaner.normalized(text.toString()), maxChars);
    }

    @Override
    public FilterResult head(Node node, int depth) {
        if (text.length() + paragraph.length() > maxChars) {
            return FilterResult.STOP;
        }
        if (node instanceof TextNode textNode) {
            paragraph.append(WHITESPACE.matcher(textNode.getWholeText()).replaceAll(" "));
            return FilterResult.CONTINUE;
        }
        if (!(node instanceof Element element)) {
            return FilterResult.CONTINUE;
        }
        String name = element.normalName();
        if (headingLevel(name) > 0) {
            emitBlock("#".repeat(headingLevel(name)) + " " + oneLine(element.text()));
            return FilterResult.SKIP_CHILDREN;
        }
        if (name.equals("pre")) {
            emitBlock(element.wholeText());
            return FilterResult.SKIP_CHILDREN;
        }
        if (name.equals("br")) {
            paragraph.append('\n');
        } else if (CELLS.contains(name)) {
            paragraph.append(' ');
        } else if (BLOCKS.contains(name)) {
            flushParagraph();
        }
        return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
            flushParagraph();
        }
        return FilterResult.CONTINUE;
    }

    private static int headingLevel(String name) {
        return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6'
                ? name.charAt(1) - '0'
                : 0;
    }

    private static String oneLine(String raw) {
        return WHITESPACE.matcher(raw).replaceAll(" ").strip();
    }

    private void emitBlock(String block) {
        flushParagraph();
        String clean = TextCleaner.normalized(block);
        if (!clean.isEmpty() && !clean.matches("#+ ?")) {
            appendParagraph(clean);
        }
    }

    private void flushParagraph() {
        StringBuilder lines = new StringBuilder();
        for (String line : paragraph.toString().split("\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                lines.append(lines.isEmpty() ? "" : "\n").append(stripped);
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
}
