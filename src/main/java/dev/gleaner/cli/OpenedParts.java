package dev.gleaner.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start has opened so far (the data directory's lock, the database, the index with its write lock, thread
 * pools, the listening server), closed in the reverse order of opening: by a start that fails part-way, so that
 * nothing it opened outlives it, and by {@link Application#close}. A part that fails to close does not keep the others
 * open.
 */
final class OpenedParts {
    private static final Logger LOG = LoggerFactory.getLogger(OpenedParts.class);

    /** How one part is closed; it throws no checked exception. */
    @FunctionalInterface
    interface Closing {
        void close();
    }

    private record Part(String name, Closing closing) {}

    private final Deque<Part> parts = new ArrayDeque<>();

    /** Records that {@code name} is open and is closed by {@code closing}, before every part opened earlier. */
    void opened(String name, Closing closing) {
        parts.push(new Part(name, closing));
    }

    /** Closes every part, the last opened first; a failure is logged and the next part closed all the same. */
    void closeAll() {
        closeEach(null);
    }

    /** Closes every part after a start failed with {@code failure}, which carries any failure to close. */
    void closeAfter(Throwable failure) {
        closeEach(failure);
    }

    private void closeEach(@org.jspecify.annotations.Nullable Throwable failure) {
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            try {
                part.closing().close();
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    LOG.warn("Closing the {} failed: {}", part.name(), e.toString());
                }
            }
        }
    }
}
