package dev.gleaner.ingest;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a text in the {@link ExtractedPage} format into passages of at most {@code chunkSize} characters.
 *
 * <p>The text is split at paragraphs first, then sentences, then words, and consecutive pieces are packed while they
 * fit. A word is never cut unless it alone is longer than {@code chunkSize}. Each chunk after the first starts with up
 * to {@code chunkOverlap} characters from the end of the previous one, beginning at a word; a chunk that opens a
 * section (starts with a heading) or continues a cut word gets none. A heading is never left at the end of a chunk when
 * it can open the next one. Lines such as {@code ## Title} alone in their paragraph are headings; each chunk records
 * the headings it starts under. Thread-safe.
 */
public final class Chunker {
    /** Heading titles longer than this are shortened in heading paths. */
    public static final int MAX_HEADING_CHARS = 200;

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n\\s*");
    private static final Pattern HEADING = Pattern.compile("(#{1,6})[ \\t]+(\\S.*?)(?:[ \\t]+#+)?[ \\t]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String PARAGRAPH_SEPARATOR = "\n\n";
    private static final String WORD_SEPARATOR = " ";
    private static final String NO_SEPARATOR = "";

    /**
     * The chunks of {@code text}, positions from 0; none for a blank text.
     *
     * @throws IllegalArgumentException unless {@code 0 <= chunkOverlap < chunkSize}
     */
    public List<ChunkText> chunk(String text, int chunkSize, int chunkOverlap) {
        if (chunkSize < 1 || chunkOverlap < 0 || chunkOverlap >= chunkSize) {
            throw new IllegalArgumentException(
                    "need 0 <= chunkOverlap < chunkSize, got " + chunkOverlap + " and " + chunkSize);
        }
        // Pieces leave room for the overlap and a separator so that most chunks can carry one.
        int pieceLimit = Math.max(1, chunkSize - chunkOverlap - PARAGRAPH_SEPARATOR.length());
        List<Piece> pieces = new PieceSplitter(pieceLimit, chunkSize).split(text);
        return new Packer(chunkSize, chunkOverlap).pack(pieces);
    }

    /** A unit of packing: {@code separator} joins it to the text before it in the same chunk. */
    private record Piece(String text, String separator, List<String> headingPath, boolean heading) {}

    private static final class PieceSplitter {
        private final int pieceLimit;
        private final int chunkSize;
        private final List<Piece> pieces = new ArrayList<>();
        private final List<String> headings = new ArrayList<>();
        private final List<Integer> headingLevels = new ArrayList<>();
        private List<String> headingPath = List.of();

        PieceSplitter(int pieceLimit, int chunkSize) {
            this.pieceLimit = pieceLimit;
            this.chunkSize = chunkSize;
        }

        List<Piece> split(String text) {
            String unix = text.replace("\r\n", "\n").replace('\r', '\n');
            for (String rawParagraph : PARAGRAPH_BREAK.split(unix)) {
                String paragraph = rawParagraph.strip();
                if (paragraph.isEmpty()) {
                    continue;
                }
                Matcher heading = HEADING.matcher(paragraph);
                boolean isHeading = heading.matches();
                if (isHeading) {
                    enterSection(heading.group(1).length(), heading.group(2));
                }
                if (isHeading && paragraph.length() <= pieceLimit) {
                    pieces.add(new Piece(paragraph, PARAGRAPH_SEPARATOR, headingPath, true));
                } else {
                    splitParagraph(paragraph);
                }
            }
            return pieces;
        }

        private void enterSection(int level, String title) {
            while (!headingLevels.isEmpty() && headingLevels.getLast() >= level) {
                headingLevels.removeLast();
                headings.removeLast();
            }
            headingLevels.add(level);
            headings.add(TextCleaner.bounded(title.strip(), MAX_HEADING_CHARS));
            headingPath = List.copyOf(headings);
        }

        private void splitParagraph(String paragraph) {
            if (paragraph.length() <= pieceLimit) {
                add(paragraph, PARAGRAPH_SEPARATOR);
                return;
            }
            String separator = PARAGRAPH_SEPARATOR;
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
                    add(sentence, separator);
                } else {
                    splitSentence(sentence, separator);
                }
                separator = WORD_SEPARATOR;
            }
        }

        private void splitSentence(String sentence, String firstSeparator) {
            String separator = firstSeparator;
            for (String word : WHITESPACE.split(sentence)) {
                if (word.isEmpty()) {
                    continue;
                }
                if (word.length() <= chunkSize) {
                    add(word, separator);
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
                add(word.substring(start, end), separator);
                separator = NO_SEPARATOR;
                start = end;
            }
        }

        private void add(String text, String separator) {
            pieces.add(new Piece(text, separator, headingPath, false));
        }
    }

    /** Packs pieces into chunks, adding the overlap; one instance per call. */
    private static final class Packer {
        private final int chunkSize;
        private final int chunkOverlap;
        private final List<ChunkText> chunks = new ArrayList<>();
        private final List<Piece> draft = new ArrayList<>();
        private String draftOverlap = "";
        private int draftLength;

        Packer(int chunkSize, int chunkOverlap) {
            this.chunkSize = chunkSize;
            this.chunkOverlap = chunkOverlap;
        }

        List<ChunkText> pack(List<Piece> pieces) {
            for (Piece piece : pieces) {
                if (draft.isEmpty()) {
                    start(piece, "");
                } else if (fits(piece)) {
                    append(piece);
                } else {
                    Piece carried = draft.size() > 1 && draft.getLast().heading() ? draft.removeLast() : null;
                    String previous = emit();
                    if (carried != null) {
                        start(carried, previous);
                        if (fits(piece)) {
                            append(piece);
                            continue;
                        }
                        previous = emit();
                    }
                    start(piece, previous);
                }
            }
            if (!draft.isEmpty()) {
                emit();
            }
            return List.copyOf(chunks);
        }

        private boolean fits(Piece piece) {
            return draftLength + piece.separator().length() + piece.text().length() <= chunkSize;
        }

        private void start(Piece first, String previousChunk) {
            int room = chunkSize - first.text().length() - first.separator().length();
            boolean continuesPassage = !first.heading() && !first.separator().isEmpty();
            draftOverlap = continuesPassage ? overlapFrom(previousChunk, Math.min(chunkOverlap, room)) : "";
            draftLength = draftOverlap.length();
            append(first);
        }

        private void append(Piece piece) {
            draftLength += (draftLength > 0 ? piece.separator().length() : 0)
                    + piece.text().length();
            draft.add(piece);
        }

        /** Adds the draft as a chunk and returns its content. */
        private String emit() {
            StringBuilder content = new StringBuilder(draftOverlap);
            for (Piece piece : draft) {
                if (!content.isEmpty()) {
                    content.append(piece.separator());
                }
                content.append(piece.text());
            }
            String text = content.toString();
            chunks.add(new ChunkText(text, chunks.size(), draft.getFirst().headingPath()));
            draft.clear();
            draftOverlap = "";
            draftLength = 0;
            return text;
        }

        /** At most {@code limit} characters from the end of {@code previous}, starting at the start of a word. */
        private static String overlapFrom(String previous, int limit) {
            if (limit <= 0 || previous.isEmpty()) {
                return "";
            }
            int start = Math.max(0, previous.length() - limit);
            if (start > 0 && !Character.isWhitespace(previous.charAt(start - 1))) {
                while (start < previous.length() && !Character.isWhitespace(previous.charAt(start))) {
                    start++;
                }
            }
            while (start < previous.length() && Character.isWhitespace(previous.charAt(start))) {
                start++;
            }
            return previous.substring(start);
        }
    }
}
