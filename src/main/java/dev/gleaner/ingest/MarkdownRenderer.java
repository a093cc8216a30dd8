package dev.gleaner.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jspecify.annotations.Nullable;

/**
 * Turns cleaned-up HTML into the {@link ExtractedPage} text format, which is Markdown: headings become {@code #} lines
 * ending in their anchor as {@code {#id}}, lists {@code -} or {@code 1.} items, tables GitHub pipe tables (and so do
 * Javadoc's grid summary tables), {@code <pre>} a fenced code block ({@link CodeBlocks}), block quotes {@code >} lines,
 * admonitions a quote opening with their bold title ({@code > **Note:** …}), {@code <code>} inline code. A definition
 * term becomes a bold line directly above its description; a term that is a link target (an API entry, a setting)
 * becomes a heading one level below its section instead, so it heads its own chunk. The tabs of a tab set each get
 * their label as a bold line. Lists, tables and terms holding headings lay content out and are rendered as plain
 * blocks. Links keep only their text. One writer per element being rendered; linear in the number of nodes.
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
            "th",
            "label");
    private static final Set<String> LISTS = Set.of("ul", "ol", "menu");
    private static final Set<String> INLINE_CODE = Set.of("code", "kbd", "samp", "tt");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern ZERO_WIDTH = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF]");
    private static final Pattern LOOKS_LIKE_MARKUP = Pattern.compile("(#{1,6}[ \\t]|```|~~~).*", Pattern.DOTALL);
    private static final Pattern SUMMARY_GRID = Pattern.compile("(?:^|\\s)(two|three|four)-column-summary(?:\\s|$)");
    private static final Pattern TAB_LABELS = Pattern.compile("(?:^|\\s)tabbed-labels(?:\\s|$)");
    private static final Pattern TAB_PANEL = Pattern.compile("(?:^|\\s)tabbed-block(?:\\s|$)");

    private MarkdownRenderer() {}

    /** What the writers of one rendering share: the page's facts, its deadline, the heading level reached. */
    private static final class Context {
        final NodeStats stats;
        final ExtractionDeadline deadline;
        /** Text written so far; past {@link #budget} the rest of the page is left out (it would be cut anyway). */
        long written;

        final long budget;
        int sectionLevel;
        int termLevel;
        final Deque<String> tabLabels = new ArrayDeque<>();

        Context(NodeStats stats, ExtractionDeadline deadline, int maxTextChars) {
            this.stats = stats;
            this.deadline = deadline;
            this.budget = 2L * maxTextChars;
        }
    }

    /**
     * The Markdown of {@code roots} in order, blocks separated by one blank line, normalized; rendering stops once the
     * text is surely longer than {@code maxTextChars}, which the caller cuts it to.
     */
    static String render(List<Element> roots, NodeStats stats, ExtractionDeadline deadline, int maxTextChars) {
        Context context = new Context(stats, deadline, maxTextChars);
        List<String> blocks = new ArrayList<>();
        for (Element root : roots) {
            Writer writer = new Writer(context, 0);
            writer.element(root, 0);
            blocks.addAll(writer.finish());
        }
        return TextCleaner.normalized(String.join("\n\n", blocks));
    }

    /** Collects the blocks of one container; inline content gathers into the current paragraph. */
    private static final class Writer {
        private final Context context;
        private final int nesting;
        private final List<String> blocks = new ArrayList<>();
        private final StringBuilder paragraph = new StringBuilder();

        Writer(Context context, int nesting) {
            this.context = context;
            this.nesting = nesting;
        }

        List<String> finish() {
            flush();
            return blocks;
        }

        void children(Element element, int depth) {
            for (Node child : element.childNodes()) {
                if (child instanceof TextNode text) {
                    text(text);
                } else if (child instanceof Element inner) {
                    element(inner, depth + 1);
                }
            }
        }

        private void text(TextNode text) {
            String words = WHITESPACE.matcher(text.getWholeText()).replaceAll(" ");
            context.written += words.length();
            paragraph.append(words);
        }

        void element(Element element, int depth) {
            context.deadline.step();
            if (context.written > context.budget) {
                return;
            }
            if (depth > MAX_DEPTH) {
                String text = element.text();
                context.written += text.length();
                paragraph.append(' ').append(text).append(' ');
                return;
            }
            String name = element.normalName();
            int level = Headings.level(element);
            if (level > 0) {
                heading(element, level);
            } else if (name.equals("pre")) {
                block(CodeBlocks.fenced(element));
            } else if (name.equals("br")) {
                paragraph.append('\n');
            } else if (INLINE_CODE.contains(name)) {
                paragraph.append(inlineCode(element.wholeText()));
            } else if (CodeBlocks.isLineNumbers(element) && !name.equals("span")) {
                return;
            } else if (nesting >= MAX_NESTING && (LISTS.contains(name) || name.equals("table") || name.equals("dl"))) {
                flush();
                String text = element.text();
                context.written += text.length();
                paragraph.append(text);
                flush();
            } else if (Admonitions.isAdmonition(element)) {
                block(admonition(element, depth));
            } else if (isTabLabels(element)) {
                tabLabels(element);
            } else if (isTabPanel(element)) {
                tabPanel(element, depth);
            } else if (LISTS.contains(name) && !context.stats.of(element).heading) {
                block(list(element, name.equals("ol"), depth));
            } else if (name.equals("table") && !context.stats.of(element).heading) {
                table(element, depth);
            } else if (name.equals("div")
                    && SUMMARY_GRID.matcher(element.className()).find()) {
                summaryGrid(element, depth);
            } else if (name.equals("dl")) {
                definitions(element, depth);
            } else if (name.equals("blockquote")) {
                block(quote(element, depth));
            } else if (BLOCKS.contains(name) || LISTS.contains(name) || name.equals("table")) {
                flush();
                children(element, depth);
                flush();
            } else if (!name.equals("img")) {
                children(element, depth);
            }
        }

        private void heading(Element heading, int level) {
            String text = Headings.text(heading);
            if (text.isEmpty()) {
                return;
            }
            if (nesting == 0) {
                context.sectionLevel = level;
                context.termLevel = 0;
            }
            block(headingLine(level, text, Headings.anchor(heading)));
        }

        private void block(String block) {
            flush();
            if (!block.isBlank()) {
                blocks.add(block);
            }
        }

        private void addAll(List<String> more) {
            flush();
            blocks.addAll(more);
        }

        private void flush() {
            List<String> lines = new ArrayList<>();
            for (String line : paragraph.toString().split("\n", -1)) {
                String stripped = ZERO_WIDTH.matcher(line).replaceAll("").strip();
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

        @SuppressWarnings(
                "ReferenceEquality") // jsoup nodes are one tree: identity is the meaning (Node.equals is identity too)
        private List<String> nested(Element element, int depth, @Nullable Element skipped) {
            Writer writer = new Writer(context, nesting + 1);
            for (Node child : element.childNodes()) {
                if (child == skipped) {
                    continue;
                }
                if (child instanceof TextNode text) {
                    writer.paragraph.append(
                            WHITESPACE.matcher(text.getWholeText()).replaceAll(" "));
                } else if (child instanceof Element inner) {
                    writer.element(inner, depth + 1);
                }
            }
            return writer.finish();
        }

        private String list(Element list, boolean ordered, int depth) {
            int number = ordered ? startNumber(list) : 0;
            List<String> items = new ArrayList<>();
            for (Element item : list.children()) {
                List<String> itemBlocks;
                if (item.nameIs("li")) {
                    itemBlocks = nested(item, depth, null);
                } else {
                    Writer writer = new Writer(context, nesting + 1);
                    writer.element(item, depth + 1);
                    itemBlocks = writer.finish();
                }
                String body = String.join("\n", itemBlocks);
                if (!body.isBlank()) {
                    String marker = ordered ? number++ + ". " : "- ";
                    items.add(marker + body.replace("\n", "\n" + " ".repeat(marker.length())));
                }
            }
            return String.join("\n", items);
        }

        private void table(Element table, int depth) {
            List<Element> rows = new ArrayList<>();
            Element caption = null;
            for (Element child : table.children()) {
                if (child.nameIs("tr")) {
                    rows.add(child);
                } else if (child.nameIs("thead") || child.nameIs("tbody") || child.nameIs("tfoot")) {
                    child.children().stream().filter(row -> row.nameIs("tr")).forEach(rows::add);
                } else if (child.nameIs("caption")) {
                    caption = child;
                }
            }
            int width = 0;
            for (Element row : rows) {
                int cellCount = 0;
                for (Element cell : row.children()) {
                    if ((cell.nameIs("td") || cell.nameIs("th")) && !CodeBlocks.isLineNumbers(cell)) {
                        cellCount++;
                    }
                }
                width = Math.max(width, cellCount);
            }
            if (caption != null) {
                block(oneLine(caption.text()));
            }
            if (width <= 1 || context.stats.of(table).pre) {
                // A one-column table, or one holding code, lays content out; it is no data table.
                flush();
                for (Element row : rows) {
                    for (Element cell : row.children()) {
                        element(cell, depth + 2);
                        flush();
                    }
                }
                return;
            }
            List<List<String>> cells = new ArrayList<>();
            for (Element row : rows) {
                List<String> rowCells = new ArrayList<>();
                for (Element cell : row.children()) {
                    if ((cell.nameIs("td") || cell.nameIs("th")) && !CodeBlocks.isLineNumbers(cell)) {
                        rowCells.add(cellText(cell, depth));
                    }
                }
                cells.add(rowCells);
            }
            block(pipeTable(cells, width));
        }

        /** Javadoc's member summaries: a grid of divs, {@code n} to a row, the first row its header. */
        private void summaryGrid(Element grid, int depth) {
            String columns = SUMMARY_GRID
                    .matcher(grid.className())
                    .results()
                    .findFirst()
                    .map(match -> match.group(1))
                    .orElse("two");
            int width =
                    switch (columns) {
                        case "three" -> 3;
                        case "four" -> 4;
                        default -> 2;
                    };
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            for (Element cell : grid.children()) {
                row.add(cellText(cell, depth));
                if (row.size() == width) {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            }
            if (!row.isEmpty()) {
                rows.add(row);
            }
            block(pipeTable(rows, width));
        }

        private String cellText(Element cell, int depth) {
            return oneLine(String.join(" ", nested(cell, depth, null)).replace("|", "\\|"));
        }

        private void definitions(Element list, int depth) {
            flush();
            List<String> terms = new ArrayList<>();
            int headedLevel = 0;
            for (Element child : definitionItems(list)) {
                context.deadline.step();
                if (child.nameIs("dt")) {
                    String text = Headings.text(child);
                    String anchor = Headings.anchor(child);
                    int level = (context.termLevel > 0 ? context.termLevel : context.sectionLevel) + 1;
                    if (anchor != null && nesting == 0 && level <= 6 && !text.isEmpty()) {
                        termsAsBlocks(terms);
                        block(headingLine(level, text, anchor));
                        headedLevel = level;
                    } else if (!text.isEmpty()) {
                        terms.add("**" + text + "**");
                        headedLevel = 0;
                    }
                } else if (child.nameIs("dd") && headedLevel > 0 && terms.isEmpty()) {
                    // The description of a term rendered as a heading: its own terms go one level deeper.
                    int outer = context.termLevel;
                    context.termLevel = headedLevel;
                    flush();
                    children(child, depth);
                    flush();
                    context.termLevel = outer;
                } else if (child.nameIs("dd")) {
                    List<String> described = nested(child, depth, null);
                    if (!terms.isEmpty() && !described.isEmpty() && isParagraph(described.get(0))) {
                        described = new ArrayList<>(described);
                        described.set(0, String.join("\n", terms) + "\n" + described.get(0));
                        terms.clear();
                    }
                    termsAsBlocks(terms);
                    addAll(described);
                } else {
                    termsAsBlocks(terms);
                    element(child, depth + 1);
                }
            }
            termsAsBlocks(terms);
            flush();
        }

        /** The terms and descriptions of a list, looking through the {@code <div>}s HTML allows to group them. */
        private static List<Element> definitionItems(Element list) {
            List<Element> items = new ArrayList<>();
            for (Element child : list.children()) {
                if (child.nameIs("div") && child.children().stream().anyMatch(inner -> inner.nameIs("dt"))) {
                    items.addAll(child.children());
                } else {
                    items.add(child);
                }
            }
            return items;
        }

        private void termsAsBlocks(List<String> terms) {
            if (!terms.isEmpty()) {
                block(String.join("\n", terms));
                terms.clear();
            }
        }

        private String quote(Element quote, int depth) {
            return quoted(nested(quote, depth, null));
        }

        private String admonition(Element admonition, int depth) {
            Element titleElement = Admonitions.titleElement(admonition);
            String title = "**" + Admonitions.title(admonition, titleElement) + ":**";
            List<String> body = new ArrayList<>(nested(admonition, depth, titleElement));
            if (!body.isEmpty() && isParagraph(body.get(0))) {
                body.set(0, title + " " + body.get(0));
            } else {
                body.add(0, title);
            }
            return quoted(body);
        }

        private static String quoted(List<String> blocks) {
            if (blocks.isEmpty()) {
                return "";
            }
            StringBuilder quoted = new StringBuilder();
            for (String line : String.join("\n\n", blocks).split("\n", -1)) {
                quoted.append(quoted.isEmpty() ? "" : "\n").append(line.isBlank() ? ">" : "> " + line);
            }
            return quoted.toString();
        }

        private boolean isTabLabels(Element element) {
            return element.attr("role").equals("tablist")
                    || TAB_LABELS.matcher(element.className()).find();
        }

        private boolean isTabPanel(Element element) {
            return element.attr("role").equals("tabpanel")
                    || TAB_PANEL.matcher(element.className()).find();
        }

        private void tabLabels(Element labels) {
            context.tabLabels.clear();
            for (Element label : labels.children()) {
                String text = Headings.text(label);
                if (!text.isEmpty()) {
                    context.tabLabels.add(text);
                }
            }
        }

        private void tabPanel(Element panel, int depth) {
            String label = context.tabLabels.poll();
            flush();
            if (label != null) {
                paragraph.append("**").append(label).append("**");
                flush();
            }
            children(panel, depth);
            flush();
        }
    }

    private static String headingLine(int level, String text, @Nullable String anchor) {
        return "#".repeat(level) + " " + text + (anchor == null ? "" : " {#" + anchor + "}");
    }

    private static boolean isParagraph(String block) {
        return !block.startsWith("#")
                && !block.startsWith("```")
                && !block.startsWith("|")
                && !block.startsWith(">")
                && !block.startsWith("- ")
                && !block.matches("(?s)\\d+\\. .*");
    }

    private static String pipeTable(List<List<String>> cells, int width) {
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
        return markdown.toString();
    }

    private static int startNumber(Element list) {
        try {
            return Math.max(0, Integer.parseInt(list.attr("start").strip()));
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    private static String inlineCode(String raw) {
        String code = oneLine(raw);
        if (code.isEmpty()) {
            return "";
        }
        String ticks = "`".repeat(CodeBlocks.longestBacktickRun(code) + 1);
        String pad = code.startsWith("`") || code.endsWith("`") ? " " : "";
        return ticks + pad + code + pad + ticks;
    }

    private static String oneLine(String raw) {
        return WHITESPACE
                .matcher(ZERO_WIDTH.matcher(raw).replaceAll(""))
                .replaceAll(" ")
                .strip();
    }
}
