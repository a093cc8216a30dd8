package dev.gleaner.client;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a query result a person reads first, as plain text: the chunk's sentence sharing the most terms with the
 * question, with the sentence before it when that one starts a sentence and as many after it as fit, at most
 * {@link #MAX_CHARS} characters, starting at a sentence; {@code …} marks text left out. Markdown syntax is removed
 * (headings, emphasis, inline code and fences, links and images keep their text, list markers, quotes, table pipes).
 *
 * <p>The web UI has the same algorithm in {@code ui/excerpt.js}: it runs in the browser, without a build step, and
 * renders the kept Markdown instead of removing it; this one serves the command line. Keep the two in step.
 */
public final class Excerpt {
    /** The most characters an excerpt holds, ellipses left aside (a sentence longer than this is cut at a word). */
    public static final int MAX_CHARS = 320;

    /** Sentences shown before the best one at most, when they start a sentence and fit. */
    static final int MAX_SENTENCES_BEFORE = 1;

    private static final String ELLIPSIS = "…";
    private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,}).*");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{3,}.*");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+]|\\d{1,9}[.)])\\s+");
    private static final Pattern QUOTE = Pattern.compile("^\\s*(?:>\\s?)+");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])");
    private static final Pattern CODE_SPAN = Pattern.compile("`+([^`]+)`+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in",
            "is", "it", "my", "of", "on", "or", "the", "to", "what", "when", "where", "which", "who", "why", "with",
            "you", "your");

    private Excerpt() {}

    /** The excerpt of {@code markdown} for {@code question}; empty for a chunk without text. */
    public static String of(String markdown, String question) {
        return of(markdown, question, MAX_CHARS);
    }

    static String of(String markdown, String question, int maxChars) {
        List<Unit> units = units(markdown);
        if (units.isEmpty()) {
            return "";
        }
        int best = best(units, terms(question));
        String chosen = units.get(best).text();
        if (chosen.length() > maxChars) {
            return (best > 0 ? ELLIPSIS + " " : "") + cut(chosen, maxChars) + ELLIPSIS;
        }
        int from = best;
        int to = best + 1;
        int length = chosen.length();
        // Context stays in the best unit's section: no heading before it, none after it.
        while (best - from < MAX_SENTENCES_BEFORE
                && from > 0
                && !units.get(best).heading()
                && !units.get(from - 1).heading()
                && startsSentence(units.get(from - 1).text())
                && length + 1 + units.get(from - 1).text().length() <= maxChars) {
            from--;
            length += 1 + units.get(from).text().length();
        }
        while (to < units.size()
                && !units.get(to).heading()
                && length + 1 + units.get(to).text().length() <= maxChars) {
            length += 1 + units.get(to).text().length();
            to++;
        }
        StringBuilder text = new StringBuilder(from > 0 ? ELLIPSIS + " " : "");
        for (int i = from; i < to; i++) {
            text.append(i == from ? "" : units.get(i - 1).heading() ? " — " : " ")
                    .append(units.get(i).text());
        }
        return text.append(to < units.size() ? " " + ELLIPSIS : "").toString();
    }

    /** One heading, sentence or code block of a chunk, as plain text. */
    record Unit(String text, boolean heading) {}

    /**
     * The index of the unit holding the most distinct question terms, the first of equals; when none holds any, the
     * first unit that starts a sentence (a chunk may open with the tail of one, carried over from the chunk before).
     */
    static int best(List<Unit> units, Set<String> terms) {
        int best = 0;
        for (int i = 0; i < units.size(); i++) {
            if (startsSentence(units.get(i).text())) {
                best = i;
                break;
            }
        }
        int bestCount = 0;
        for (int i = 0; i < units.size(); i++) {
            Set<String> words = terms(units.get(i).text());
            words.retainAll(terms);
            if (words.size() > bestCount) {
                best = i;
                bestCount = words.size();
            }
        }
        return best;
    }

    /** The distinct words of {@code text}, lower-cased and lightly stemmed, without stop words. */
    static Set<String> terms(String text) {
        Set<String> terms = new HashSet<>();
        Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (word.find()) {
            if (!STOP_WORDS.contains(word.group())) {
                terms.add(stem(word.group()));
            }
        }
        return terms;
    }

    /**
     * Folds the commonest English endings (a plural {@code s}, then {@code ing} or {@code ed}, then a final {@code e}),
     * so that "replacing", "replaced" and "replaces" meet "replace", and "settings" meets "setting".
     */
    static String stem(String word) {
        String stem = word;
        if (stem.length() > 3 && stem.endsWith("s") && !stem.endsWith("ss")) {
            stem = stem.substring(0, stem.length() - 1);
        }
        if (stem.length() > 5 && stem.endsWith("ing")) {
            stem = stem.substring(0, stem.length() - 3);
        } else if (stem.length() > 4 && stem.endsWith("ed")) {
            stem = stem.substring(0, stem.length() - 2);
        }
        if (stem.length() > 4 && stem.endsWith("e")) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem;
    }

    /**
     * The chunk as plain-text units in order: each heading, each sentence of a paragraph, list item, quote or table
     * row, and each code block (its lines joined).
     */
    static List<Unit> units(String markdown) {
        List<Unit> units = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        List<String> code = null;
        for (String line : markdown.replace("\r\n", "\n").split("\n", -1)) {
            if (code != null) {
                if (FENCE.matcher(line).matches()) {
                    add(units, String.join(" ", code), false);
                    code = null;
                } else {
                    code.add(line.strip());
                }
                continue;
            }
            if (FENCE.matcher(line).matches()) {
                flush(units, paragraph);
                code = new ArrayList<>();
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                flush(units, paragraph);
                add(units, inline(heading.group(1)), true);
            } else if (line.isBlank() || TABLE_RULE.matcher(line).matches()) {
                flush(units, paragraph);
            } else if (LIST_MARKER.matcher(line).find() || line.strip().startsWith("|")) {
                // A list item or a table row is a unit of its own, never run together with its neighbour.
                flush(units, paragraph);
                paragraph.append(tableCells(LIST_MARKER.matcher(line).replaceFirst("")));
                flush(units, paragraph);
            } else {
                paragraph
                        .append(paragraph.isEmpty() ? "" : " ")
                        .append(QUOTE.matcher(line).replaceFirst(""));
            }
        }
        if (code != null) {
            add(units, String.join(" ", code), false);
        }
        flush(units, paragraph);
        return units;
    }

    private static String tableCells(String line) {
        String stripped = line.strip();
        if (!stripped.startsWith("|")) {
            return stripped;
        }
        List<String> cells = new ArrayList<>();
        for (String cell : stripped.replaceAll("^\\||\\|$", "").split("\\|", -1)) {
            if (!cell.isBlank()) {
                cells.add(cell.strip());
            }
        }
        return String.join(" · ", cells);
    }

    private static void flush(List<Unit> units, StringBuilder paragraph) {
        if (paragraph.isEmpty()) {
            return;
        }
        String text = inline(paragraph.toString());
        paragraph.setLength(0);
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        for (int start = sentences.first(), end = sentences.next();
                end != BreakIterator.DONE;
                start = end, end = sentences.next()) {
            add(units, text.substring(start, end), false);
        }
    }

    private static void add(List<Unit> units, String text, boolean heading) {
        String flat = SPACES.matcher(text).replaceAll(" ").strip();
        if (!flat.isEmpty()) {
            units.add(new Unit(flat, heading));
        }
    }

    /** Inline Markdown to its text: images and links keep their text, emphasis and code spans lose their marks. */
    static String inline(String text) {
        String plain = IMAGE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        plain = LINK.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        plain = CODE_SPAN.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        plain = STRONG.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
        return EMPHASIS.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
    }

    /** A unit that does not begin with a lower-case letter: not the tail of a sentence cut by the chunk's start. */
    private static boolean startsSentence(String unit) {
        return !Character.isLowerCase(unit.codePointAt(0));
    }

    /** At most {@code maxChars} characters of {@code text}, ending at a word when there is one to end at. */
    private static String cut(String text, int maxChars) {
        int end = maxChars;
        while (end > 0 && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        if (end == 0) {
            end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        }
        return text.substring(0, end).stripTrailing();
    }
}
