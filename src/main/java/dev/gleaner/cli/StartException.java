package dev.gleaner.cli;

/**
 * A start that failed, closed again: everything it had opened is released, so a later start in the same process can
 * open the same data directory and port. Its message is the failure's sentence; its cause, the original exception.
 */
public final class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // A record of strings and paths; start failures are not serialized.
    private final StartFailure failure;

    StartException(StartFailure failure, Throwable cause) {
        super(failure.sentence(), cause);
        this.failure = failure;
    }

    StartException(StartFailure failure) {
        super(failure.sentence());
        this.failure = failure;
    }

    StartFailure failure() {
        return failure;
    }
}
