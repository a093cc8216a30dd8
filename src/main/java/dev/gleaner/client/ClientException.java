package dev.gleaner.client;

/**
 * Why a client command could not do its work, with the process exit code it ends with. The message is safe to show
 * (it never contains the developer key).
 */
public final class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure and their exit codes (see {@link ExitCodes}). */
    public enum Kind {
        /** Bad input: a malformed URL or file, an unknown or ambiguous knowledgebase, a request the server refused. */
        INPUT(ExitCodes.USAGE),
        /** The server could not be reached, or the connection to it was lost for good. */
        UNREACHABLE(ExitCodes.SERVER),
        /** The server refused the key. */
        UNAUTHORIZED(ExitCodes.SERVER),
        /** The server answered something unexpected (5xx, a malformed body). */
        SERVER(ExitCodes.SERVER);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Kind kind;

    public ClientException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ClientException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode;
    }
}
