package dev.gleaner.ingest;

import dev.gleaner.ingest.ChunkPiece.Kind;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits a text in the {@link ExtractedPage} format into {@link ChunkPiece}s no longer than a limit: blocks (separated
 * by blank lines outside code fences) first, then the lines of a multi-line block, then sentences, then words. A
 * fenced code block is split only between its lines, each piece re-opening and closing the fence; only a code line
 * longer than a whole chunk is cut (at whitespace when it can be).
 *
 * <p>A heading line may end with its section's id as a Pandoc-style attribute, {@code ## Title {#the-id}}: the
 * suffix is taken off the heading's text and title and becomes the {@link ChunkPiece#anchor()} of every piece in the
 * section, until a deeper heading with an id of its own. Only a heading alone in its block is read so; the same
 * characters in a paragraph or a code block are text. One instance per text.
 */
final class ChunkPieceSplitter {
    private static final Pattern HEADING = Pattern.compile("(#{1,6})[ \\t]+(\\S.*?)(?:[ \\t]+#+)?[ \\t]*");
    private static final Pattern FENCE_OPEN = Pattern.compile("([ \\t]*)(`{3,}|~{3,})([^`]*)");
    /** The {@code {#id}} attribute at the end of a heading line; an id is one run of characters without spaces. */
    private static final Pattern ANCHOR_SUFFIX = Pattern.compile("[ \\t]+\\{#([^\\s{}]+)}[ \\t]*$");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String PARAGRAPH_SEPARATOR = "\n\n";
    private static final String LINE_SEPARATOR = "\n";
    private static final String WORD_SEPARATOR = " ";
    private static final String NO_SEPARATOR = "";

    private final int pieceLimit;
    private final int chunkSize;
    private final List<ChunkPiece> pieces = new ArrayList<>();
    private final List<String> headings = new ArrayList<>();
    private final List<Integer> headingLevels = new ArrayList<>();
    private final List<@Nullable String> headingAnchors = new ArrayList<>();
    private List<String> headingPath = List.of();
    private @Nullable String anchor;

    /** Prose pieces stay within {@code pieceLimit}; code pieces, which never carry an overlap, within a chunk. */
    ChunkPieceSplitter(int pieceLimit, int chunkSize) {
        this.pieceLimit = pieceLimit;
        this.chunkSize = chunkSize;
    }

    List<ChunkPiece> split(String text) {
        String unix = text.replace("\r\n", "\n").replace('\r', '\n');
        for (List<String> block : blocks(unix)) {
            String paragraph = String.join("\n", block).strip();
            boolean isHeading = false;
            if (block.size() == 1) {
                Matcher suffix = ANCHOR_SUFFIX.matcher(paragraph);
                String id = suffix.find() ? suffix.group(1) : null;
                String bare = id == null ? paragraph : paragraph.substring(0, suffix.start());
                Matcher heading = HEADING.matcher(bare);
                isHeading = heading.matches();
                if (isHeading) {
                    paragraph = bare;
                    enterSection(heading.group(1).length(), heading.group(2), id);
                }
            }
            if (isHeading && paragraph.length() <= pieceLimit) {
                add(paragraph, PARAGRAPH_SEPARATOR, Kind.HEADING);
            } else if (paragraph.length() <= pieceLimit || (isCode(block) && paragraph.length() <= chunkSize)) {
                add(paragraph, PARAGRAPH_SEPARATOR, isCode(block) ? Kind.CODE : Kind.PROSE);
            } else {
                // A heading too long for one piece is cut as prose, without its id suffix.
                splitLines(isHeading ? List.of(paragraph) : block);
            }
        }
        return pieces;
    }

    /** Runs of non-blank lines; a blank line inside a code fence does not end its block. */
    private static List<List<String>> blocks(String text) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        String openFence = null;
        for (String line : text.split("\n", -1)) {
            if (openFence == null && line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(line);
            openFence = openFence == null ? fenceOpenedBy(line) : (closes(line, openFence) ? null : openFence);
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    private static @Nullable String fenceOpenedBy(String line) {
        Matcher fence = FENCE_OPEN.matcher(line);
        return fence.matches() ? fence.group(2) : null;
    }

    private static boolean closes(String line, String fence) {
        String stripped = line.strip();
        return stripped.length() >= fence.length()
                && stripped.chars().allMatch(c -> c == fence.charAt(0))
                && stripped.startsWith(fence);
    }

    private static boolean isCode(List<String> block) {
        return block.stream().anyMatch(line -> fenceOpenedBy(line) != null);
    }

    private void enterSection(int level, String title, @Nullable String id) {
        while (!headingLevels.isEmpty() && headingLevels.getLast() >= level) {
            headingLevels.removeLast();
            headings.removeLast();
            headingAnchors.removeLast();
        }
        headingLevels.add(level);
        headings.add(TextCleaner.bounded(title.strip(), Chunker.MAX_HEADING_CHARS));
        // A cut id would link nowhere: a longer one is dropped, and the section falls back to its parent's.
        headingAnchors.add(id != null && id.length() <= Chunker.MAX_ANCHOR_CHARS ? id : null);
        headingPath = List.copyOf(headings);
        anchor = null;
        for (String candidate : headingAnchors) {
            anchor = candidate != null ? candidate : anchor;
        }
    }

    /** A block too long for one piece: line by line, a code fence region through {@link #splitCode}. */
    private void splitLines(List<String> block) {
        String separator = PARAGRAPH_SEPARATOR;
        for (int i = 0; i < block.size(); i++) {
            String line = block.get(i).stripTrailing();
            String fence = fenceOpenedBy(line);
            if (fence != null) {
                int end = i + 1;
                while (end < block.size() && !closes(block.get(end), fence)) {
                    end++;
                }
                String close = end < block.size()
                        ? block.get(end).stripTrailing()
                        : line.substring(0, line.indexOf(fence)) + fence;
                splitCode(line, block.subList(i + 1, Math.min(end, block.size())), close, separator);
                i = end;
            } else if (line.length() <= pieceLimit) {
                if (!line.isBlank()) {
                    add(line.strip(), separator, Kind.PROSE);
                }
            } else {
                splitSentences(line.strip(), separator);
            }
            separator = LINE_SEPARATOR;
        }
    }

    private void splitCode(String open, List<String> lines, String close, String firstSeparator) {
        int room = chunkSize - open.length() - close.length() - 2 * LINE_SEPARATOR.length();
        if (room < 1) {
            // Fences alone would fill a chunk: the code goes as words.
            splitSentences(String.join(" ", lines).strip(), firstSeparator);
            return;
        }
        List<String> run = new ArrayList<>();
        int runLength = 0;
        String separator = firstSeparator;
        for (String line : lines) {
            List<String> parts = line.length() <= room ? List.of(line) : cutAtWhitespace(line, room);
            for (String part : parts) {
                if (!run.isEmpty() && runLength + LINE_SEPARATOR.length() + part.length() > room) {
                    add(open + "\n" + String.join("\n", run) + "\n" + close, separator, Kind.CODE);
                    separator = LINE_SEPARATOR;
                    run.clear();
                    runLength = -LINE_SEPARATOR.length();
                }
                runLength += (run.isEmpty() ? 0 : LINE_SEPARATOR.length()) + part.length();
                run.add(part);
            }
        }
        if (!run.isEmpty() || lines.isEmpty()) {
            add(open + "\n" + String.join("\n", run) + (run.isEmpty() ? "" : "\n") + close, separator, Kind.CODE);
        }
    }

    /** A code line longer than {@code limit}, cut at the last whitespace before each limit when there is one. */
    private static List<String> cutAtWhitespace(String line, int limit) {
        List<String> parts = new ArrayList<>();
        String rest = line;
        while (rest.length() > limit) {
            int cut = limit;
            while (cut > 0 && !Character.isWhitespace(rest.charAt(cut))) {
                cut--;
            }
            if (cut == 0) {
                cut = Character.isHighSurrogate(rest.charAt(limit - 1)) && limit > 1 ? limit - 1 : limit;
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut);
        }
        parts.add(rest);
        return parts;
    }

    private void splitSentences(String paragraph, String firstSeparator) {
        if (paragraph.length() <= pieceLimit) {
            if (!paragraph.isEmpty()) {
                add(paragraph, firstSeparator, Kind.PROSE);
            }
            return;
        }
        String separator = firstSeparator;
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(paragraph);
        for (int start = sentences.first(), end = sentences.next();
                end != BreakIterator.DONE;
                start = end, end = sentences.next()) {
            String sentence = paragraph.substring(start, end).strip();
            if (sentence.isEmpty()) {
                continue;
            }
            if (sentence.length() <= pieceLimit) {
                add(sentence, separator, Kind.PROSE);
            } else {
                splitWords(sentence, separator);
            }
            separator = WORD_SEPARATOR;
        }
    }

    private void splitWords(String sentence, String firstSeparator) {
        String separator = firstSeparator;
        for (String word : WHITESPACE.split(sentence, -1)) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.length() <= chunkSize) {
                add(word, separator, Kind.PROSE);
            } else {
                cutWord(word, separator);
            }
            separator = WORD_SEPARATOR;
        }
    }

    /** The only place text is cut inside a word: a word longer than a whole chunk. */
    private void cutWord(String word, String firstSeparator) {
        String separator = firstSeparator;
        int start = 0;
        while (start < word.length()) {
            int end = Math.min(word.length(), start + chunkSize);
            if (end < word.length() && Character.isHighSurrogate(word.charAt(end - 1)) && end - 1 > start) {
                end--;
            }
            add(word.substring(start, end), separator, Kind.PROSE);
            separator = NO_SEPARATOR;
            start = end;
        }
    }

    private void add(String text, String separator, Kind kind) {
        pieces.add(new ChunkPiece(text, separator, headingPath, kind, anchor));
    }
}
