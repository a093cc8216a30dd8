package dev.gleaner.ingest;

import java.util.List;

/**
 * One passage cut from a text by {@link Chunker}, before it is stored.
 *
 * @param position the chunk's place in the text, from 0
 * @param headingPath the titles of the sections the passage starts in, outermost first
 */
public record ChunkText(String content, int position, List<String> headingPath) {
    public ChunkText {
        headingPath = List.copyOf(headingPath);
    }
}
