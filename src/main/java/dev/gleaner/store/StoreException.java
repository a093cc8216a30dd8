package dev.gleaner.store;

/**
 * The SQL store failed (database unreachable, constraint violated, lock wait timed out). Unchecked: callers cannot
 * repair it, and the API answers it as an internal error without showing its message.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
