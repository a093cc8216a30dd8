package dev.gleaner.ingest;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text of an office document or PDF. Never throws for anything a document contains: every ending is a
 * {@link DocumentReading}. Implementations are thread-safe.
 */
public interface DocumentParser {
    /** Reads {@code body}; {@code source} is the address it came from (for the file name and relative links). */
    DocumentReading extract(byte[] body, @Nullable String contentType, URI source);
}
