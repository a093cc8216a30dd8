package dev.gleaner.ingest;

import java.util.List;

/**
 * Cuts a text in the {@link ExtractedPage} format (Markdown) into passages of at most {@code chunkSize} characters.
 *
 * <p>Headings come first: a heading starts a new chunk, unless the chunk so far is a fragment (smaller than
 * {@link #minChunk}) and the heading's section lies within the chunk's. Within a section the text is split at blocks
 * (paragraphs, lists, tables, code blocks), then lines, then sentences, then words, and consecutive pieces are packed
 * while they fit; a fragment left at the end of a section takes pieces from the chunk before it. A word is never cut
 * unless it alone is longer than {@code chunkSize}; a fenced code block is split only between lines, each piece
 * re-opening and closing the fence (only a code line longer than a chunk is cut). Each chunk after the first starts
 * with up to {@code chunkOverlap} characters from the prose at the end of the previous one, beginning at a word; a
 * chunk that opens a section (starts with a heading), starts with code or continues a cut word gets none. A heading is
 * never left at the end of a chunk when it can open the next one. Lines such as {@code ## Title} alone in their block
 * are headings; each chunk records the headings it starts under. A heading line may end with its id as
 * {@code {#the-id}} (one attribute, Pandoc style): the suffix is not part of the chunk's text or heading path, and each
 * chunk records the id of its nearest heading that has one ({@link ChunkText#anchor()}). Thread-safe.
 */
public final class Chunker {
    /** Heading titles longer than this are shortened in heading paths. */
    public static final int MAX_HEADING_CHARS = 200;

    /** A heading id longer than this is ignored (the section links to its parent's id, if any). */
    public static final int MAX_ANCHOR_CHARS = 200;

    /** A chunk smaller than {@code chunkSize / MIN_CHUNK_DIVISOR} is a fragment to merge with its neighbour. */
    public static final int MIN_CHUNK_DIVISOR = 4;

    private static final String PARAGRAPH_SEPARATOR = "\n\n";

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
        List<ChunkPiece> pieces = new ChunkPieceSplitter(pieceLimit, chunkSize).split(text);
        return new ChunkPacker(chunkSize, chunkOverlap, minChunk(chunkSize)).pack(pieces);
    }

    /** Chunks smaller than this are merged with a neighbour in the same section when they can be. */
    public static int minChunk(int chunkSize) {
        return chunkSize / MIN_CHUNK_DIVISOR;
    }
}
