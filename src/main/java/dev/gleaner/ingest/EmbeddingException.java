package dev.gleaner.ingest;

/**
 * Embedding failed for a reason outside this process (a remote model that refused, failed or could not be reached).
 * The message is meant to be shown to users as a page's failure reason: it names the model and the cause, never a
 * secret. {@link #transientFailure()} tells whether trying again later may succeed.
 */
public final class EmbeddingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final boolean transientFailure;

    public EmbeddingException(String message, boolean transientFailure) {
        super(message);
        this.reason = message;
        this.transientFailure = transientFailure;
    }

    public EmbeddingException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.reason = message;
        this.transientFailure = transientFailure;
    }

    /** The message, safe to show to users. */
    public String reason() {
        return reason;
    }

    /** True when the same texts may embed later (timeouts, rate limits, server errors). */
    public boolean transientFailure() {
        return transientFailure;
    }
}
