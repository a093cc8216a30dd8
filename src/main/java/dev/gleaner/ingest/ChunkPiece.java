package dev.gleaner.ingest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A unit of packing for {@link Chunker}: {@code separator} joins it to the text before it in the same chunk.
 *
 * @param headingPath the section the piece is in, outermost heading first
 * @param kind what the piece is, which decides where chunks may start and what overlap they carry
 * @param anchor the id of the deepest heading of {@code headingPath} that has one; null when none has
 */
record ChunkPiece(String text, String separator, List<String> headingPath, Kind kind, @Nullable String anchor) {
    enum Kind {
        HEADING,
        PROSE,
        /** A whole fenced code block or a run of its lines, fences included. */
        CODE
    }

    ChunkPiece {
        headingPath = List.copyOf(headingPath);
    }

    boolean isHeading() {
        return kind == Kind.HEADING;
    }
}
