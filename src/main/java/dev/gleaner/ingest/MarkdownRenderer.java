package dev.gleaner.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns cleaned-up HTML into the {@link ExtractedPage} text format, which is Markdown: headings become {@code #} lines,
 * lists {@code -} or {@code 1.} items, tables GitHub pipe tables, {@code <pre>} a fenced code block holding its text
 * verbatim (language from a {@code language-xxx} or {@code lang-xxx} class), block quotes {@code >} lines and
 * {@code <code>} inline code. Links keep only their text. Stateless; one writer per element being rendered.
 */
final class MarkdownRenderer {
    /** Beyond this nesting of lists, quotes and tables, content is rendered as plain text (keeps rendering linear). */
    static final int MAX_NESTING = 16;

    /** Beyond this element depth the rest of a subtree is rendered as plain text (keeps the stack bounded). */
    static final int MAX_DEPTH = 256;

    private static final Set<String> BLOCKS = Set.of(
            "address",
            "article",
            "aside",
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
            "nav",
            "p",
            "section",
            "summary",
            "tbody",
            "tfoot",
            "thead",
            "tr",
            "td",
            "th");
    private static final Set<String> LISTS = Set.of("ul", "ol", "menu");
    private static final Set<String> INLINE_CODE = Set.of("code", "kbd", "samp", "tt");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern LANGUAGE = Pattern.compile("(?:^|\\s)(?:language|lang)-([\\w+#.-]+)");
    private static final Pattern LOOKS_LIKE_MARKUP = Pattern.compile("(#{1,6}[ \\t]|```|~~~).*", Pattern.DOTALL);
    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");
    private static final Pattern PERMALINK = Pattern.compile("\\s*[#¶§🔗]?\\s*");

    private MarkdownRenderer() {}

    /** The Markdown of {@code roots} in order, blocks separated by one blank line, normalized. */
    static String render(List<Element> roots) {
        List<String> blocks = new ArrayList<>();
        for (Element root : roots) {
            Writer writer = new Writer(0);
            writer.element(root, 0);
            blocks.addAll(writer.finish());
        }
        return TextCleaner.normalized(String.join("\n\n", blocks));
    }

    /** Collects the blocks of one container; inline content gathers into the current paragraph. */
    private static final class Writer {
        private final int nesting;
        private final List<String> blocks = new ArrayList<>();
        private final StringBuilder paragraph = new StringBuilder();

        Writer(int nesting) {
            this.nesting = nesting;
        }

        List<String> finish() {
            flush();
            return blocks;
        }

        void children(Element element, int depth) {
            for (Node child : element.childNodes()) {
                node(child, depth + 1);
            }
        }

        private void node(Node node, int depth) {
            if (node instanceof TextNode text) {
                paragraph.append(WHITESPACE.matcher(text.getWholeText()).replaceAll(" "));
            } else if (node instanceof Element element) {
                element(element, depth);
            }
        }

        void element(Element element, int depth) {
            if (depth > MAX_DEPTH) {
                paragraph.append(' ').append(element.text()).append(' ');
                return;
            }
            String name = element.normalName();
            int level = headingLevel(name);
            if (level > 0) {
                block("#".repeat(level) + " " + oneLine(headingText(element)));
            } else if (name.equals("pre")) {
                block(fencedCode(element));
            } else if (name.equals("br")) {
                paragraph.append('\n');
            } else if (INLINE_CODE.contains(name)) {
                paragraph.append(inlineCode(element.wholeText()));
            } else if (nesting >= MAX_NESTING && (LISTS.contains(name) || name.equals("table"))) {
                flush();
                paragraph.append(element.text());
                flush();
            } else if (LISTS.contains(name)) {
                block(list(element, name.equals("ol"), depth));
            } else if (name.equals("table")) {
                table(element, depth);
            } else if (name.equals("blockquote")) {
                block(quote(element, depth));
            } else if (BLOCKS.contains(name)) {
                flush();
                children(element, depth);
                flush();
            } else if (!name.equals("img")) {
                children(element, depth);
            }
        }

        private void block(String block) {
            flush();
            if (!block.isBlank() && !block.strip().matches("#+")) {
                blocks.add(block);
            }
        }

        private void flush() {
            List<String> lines = new ArrayList<>();
            for (String line : paragraph.toString().split("\n")) {
                String stripped = line.strip();
                if (!stripped.isEmpty()) {
                    // A paragraph line must not read as a heading or a code fence to the chunker.
                    lines.add(LOOKS_LIKE_MARKUP.matcher(stripped).matches() ? "\\" + stripped : stripped);
                }
            }
            paragraph.setLength(0);
            if (!lines.isEmpty()) {
                blocks.add(String.join("\n", lines));
            }
        }

        private String list(Element list, boolean ordered, int depth) {
            int number = ordered ? startNumber(list) : 0;
            List<String> items = new ArrayList<>();
            for (Element item : list.children()) {
                Writer writer = new Writer(nesting + 1);
                if (item.nameIs("li")) {
                    writer.children(item, depth + 1);
                } else {
                    writer.element(item, depth + 1);
                }
                String body = String.join("\n", writer.finish());
                if (!body.isBlank()) {
                    String marker = ordered ? (number++) + ". " : "- ";
                    items.add(marker + body.replace("\n", "\n" + " ".repeat(marker.length())));
                }
            }
            return String.join("\n", items);
        }

        private void table(Element table, int depth) {
            List<Element> rows = table.select("tr").stream()
                    .filter(row -> row.closest("table") == table)
                    .toList();
            List<List<String>> cells = new ArrayList<>();
            int width = 0;
            for (Element row : rows) {
                List<String> rowCells = new ArrayList<>();
                for (Element cell : row.children()) {
                    if (cell.nameIs("td") || cell.nameIs("th")) {
                        rowCells.add(cellText(cell, depth));
                    }
                }
                width = Math.max(width, rowCells.size());
                cells.add(rowCells);
            }
            Element caption = table.selectFirst("caption");
            if (caption != null && caption.closest("table") == table) {
                block(oneLine(caption.text()));
            }
            if (width <= 1) {
                // A one-column table lays content out; it is no data table.
                flush();
                for (Element row : rows) {
                    row.children().forEach(cell -> {
                        children(cell, depth + 1);
                        flush();
                    });
                }
                return;
            }
            StringBuilder markdown = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                List<String> row = new ArrayList<>(cells.get(i));
                while (row.size() < width) {
                    row.add("");
                }
                markdown.append(i == 0 ? "" : "\n")
                        .append("| ")
                        .append(String.join(" | ", row))
                        .append(" |");
                if (i == 0) {
                    markdown.append("\n|").append(" --- |".repeat(width));
                }
            }
            block(markdown.toString());
        }

        private String cellText(Element cell, int depth) {
            Writer writer = new Writer(nesting + 1);
            writer.children(cell, depth + 1);
            return oneLine(String.join(" ", writer.finish()).replace("|", "\\|"));
        }

        private String quote(Element quote, int depth) {
            Writer writer = new Writer(nesting + 1);
            writer.children(quote, depth + 1);
            StringBuilder quoted = new StringBuilder();
            for (String line : String.join("\n\n", writer.finish()).split("\n", -1)) {
                quoted.append(quoted.isEmpty() ? "" : "\n").append(line.isBlank() ? ">" : "> " + line);
            }
            return writer.blocks.isEmpty() ? "" : quoted.toString();
        }
    }

    private static int startNumber(Element list) {
        try {
            return Math.max(0, Integer.parseInt(list.attr("start").strip()));
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    private static String fencedCode(Element pre) {
        String code = pre.wholeText().replaceFirst("^\\r?\\n", "").stripTrailing();
        if (code.isBlank()) {
            return "";
        }
        String fence = "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
        return fence + language(pre) + "\n" + code + "\n" + fence;
    }

    private static String language(Element pre) {
        Element code = pre.selectFirst("code");
        for (Element candidate : code == null ? List.of(pre) : List.of(pre, code)) {
            Matcher matcher = LANGUAGE.matcher(candidate.className());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return "";
    }

    private static String inlineCode(String raw) {
        String code = oneLine(raw);
        if (code.isEmpty()) {
            return "";
        }
        String ticks = "`".repeat(longestBacktickRun(code) + 1);
        String pad = code.startsWith("`") || code.endsWith("`") ? " " : "";
        return ticks + pad + code + pad + ticks;
    }

    private static int longestBacktickRun(String text) {
        Matcher run = BACKTICK_RUN.matcher(text);
        int longest = 0;
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        return longest;
    }

    /** The heading's text without permalink anchors such as {@code ¶} or {@code #}. */
    private static String headingText(Element heading) {
        Element copy = heading.clone();
        copy.select("a").stream()
                .filter(anchor -> PERMALINK.matcher(anchor.text()).matches())
                .forEach(Element::remove);
        return copy.text();
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
