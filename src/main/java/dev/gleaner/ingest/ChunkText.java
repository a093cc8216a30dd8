package dev.gleaner.ingest;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One passage cut from a text by {@link Chunker}, before it is stored.
 *
 * @param position the chunk's place in the text, from 0
 * @param headingPath the titles of the sections the passage starts in, outermost first
 * @param anchor the id of the nearest of those sections that has one (the deepest heading of {@code headingPath}
 *     whose line carried an {@code {#id}} suffix), to link to the passage's place in its page; null when none has
 */
public record ChunkText(String content, int position, List<String> headingPath, @Nullable String anchor) {
    public ChunkText {
        headingPath = List.copyOf(headingPath);
    }

    /** A passage under no heading with an id. */
    public ChunkText(String content, int position, List<String> headingPath) {
        this(content, position, headingPath, null);
    }

    /**
     * The text to embed for this passage: {@code title}, the heading path joined by {@code " > "} on the next line,
     * then a blank line and the content; a blank title or an empty path is left out, and with neither it is the
     * content alone.
     */
    public String embeddingText(String title) {
        List<String> context = new ArrayList<>(2);
        if (!title.isBlank()) {
            context.add(title.strip());
        }
        if (!headingPath.isEmpty()) {
            context.add(String.join(" > ", headingPath));
        }
        return context.isEmpty() ? content : String.join("\n", context) + "\n\n" + content;
    }
}
