package dev.gleaner.ingest;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The code of a {@code <pre>} as a fenced Markdown block: its text verbatim, line breaks from {@code <br>} and
 * line-per-element highlighters kept, line numbers left out, and its language from the class conventions of the
 * highlighters site generators use ({@code language-x}, {@code lang-x}, {@code data-lang}, Sphinx's
 * {@code highlight-x} and GitHub's {@code highlight-source-x} on a wrapper, SyntaxHighlighter's {@code brush: x}).
 */
final class CodeBlocks {
    /** Wrappers this far up are asked for the language too. */
    private static final int MAX_WRAPPERS = 3;

    private static final Pattern LANGUAGE = Pattern.compile("(?:^|\\s)(?:language|lang)-([\\w+#.-]+)");
    private static final Pattern HIGHLIGHT = Pattern.compile("(?:^|\\s)highlight-(?:source-)?([\\w+#.-]+)");
    /** SyntaxHighlighter's (and Confluence's code macro's) {@code brush: x}. */
    private static final Pattern BRUSH = Pattern.compile("(?:^|[\\s;])brush:\\s*([\\w+#.-]+)");

    private static final Set<String> NO_LANGUAGE = Set.of("default", "none", "text", "plaintext", "notranslate");
    private static final Pattern LINE_NUMBERS =
            Pattern.compile("(?:^|\\s)(lnt|ln|linenos|lineno|linenodiv|line-numbers-rows|gutter|line-number)(?:\\s|$)");
    private static final Set<String> LINE_BLOCKS = Set.of("div", "p", "li", "tr");
    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

    private CodeBlocks() {}

    /** The fenced block of {@code pre}; empty when it holds no code. */
    static String fenced(Element pre) {
        String code = text(pre).replaceFirst("^\\r?\\n", "").stripTrailing();
        if (code.isBlank()) {
            return "";
        }
        String fence = "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
        return fence + language(pre) + "\n" + code + "\n" + fence;
    }

    /** Whether {@code element} only numbers the lines of code beside it. */
    static boolean isLineNumbers(Element element) {
        return LINE_NUMBERS.matcher(element.className()).find();
    }

    static int longestBacktickRun(String text) {
        Matcher run = BACKTICK_RUN.matcher(text);
        int longest = 0;
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        return longest;
    }

    @SuppressWarnings(
            "ReferenceEquality") // jsoup nodes are one tree: identity is the meaning (Node.equals is identity too)
    private static String text(Element pre) {
        StringBuilder code = new StringBuilder();
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof TextNode text) {
                            code.append(text.getWholeText());
                        } else if (node instanceof Element element && element != pre) {
                            if (isLineNumbers(element)) {
                                return FilterResult.SKIP_ENTIRELY;
                            }
                            if (element.nameIs("br")) {
                                code.append('\n');
                            }
                        }
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(Node node, int depth) {
                        if (node instanceof Element element
                                && LINE_BLOCKS.contains(element.normalName())
                                && !code.isEmpty()
                                && code.charAt(code.length() - 1) != '\n') {
                            code.append('\n');
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                pre);
        return code.toString();
    }

    private static String language(Element pre) {
        Element code = pre.firstElementChild();
        for (Element candidate : code != null && code.nameIs("code") ? List.of(code, pre) : List.of(pre)) {
            String language = languageOf(candidate, LANGUAGE);
            if (!language.isEmpty()) {
                return language;
            }
        }
        Matcher brush = BRUSH.matcher(pre.className() + ";" + pre.attr("data-syntaxhighlighter-params"));
        if (brush.find()) {
            return brush.group(1);
        }
        Element wrapper = pre.parent();
        for (int i = 0; i < MAX_WRAPPERS && wrapper != null; i++, wrapper = wrapper.parent()) {
            String language = languageOf(wrapper, LANGUAGE);
            if (language.isEmpty()) {
                language = languageOf(wrapper, HIGHLIGHT);
            }
            if (!language.isEmpty()) {
                return language;
            }
        }
        return "";
    }

    private static String languageOf(Element element, Pattern pattern) {
        String dataLang = element.attr("data-lang").strip();
        if (pattern == LANGUAGE && dataLang.matches("[\\w+#.-]+") && !NO_LANGUAGE.contains(dataLang)) {
            return dataLang;
        }
        Matcher matcher = pattern.matcher(element.className());
        while (matcher.find()) {
            if (!NO_LANGUAGE.contains(matcher.group(1))) {
                return matcher.group(1);
            }
        }
        return "";
    }
}
