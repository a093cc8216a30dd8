package dev.gleaner.client;

/** The exit codes of the client commands; listed in {@code gleaner --help} and the README. */
public final class ExitCodes {
    /** The job completed and no page failed (or the command did its work). */
    public static final int OK = 0;
    /** The job completed, but some pages failed. */
    public static final int PAGES_FAILED = 1;
    /** Usage or input error: bad option, bad URL or file, unknown knowledgebase. */
    public static final int USAGE = 2;
    /** The job failed or was cancelled. */
    public static final int JOB_FAILED = 3;
    /** Server unreachable, key refused, or an unexpected server error. */
    public static final int SERVER = 4;
    /** Interrupted (Ctrl-C, SIGINT) while following a job: 128 + the signal number, as the JVM exits on it. */
    public static final int INTERRUPTED = 130;

    /** The text of {@code --help}'s exit code section. */
    public static final String HELP = "%nExit codes:%n"
            + "  0  job completed with no failed page (or the command did its work)%n"
            + "  1  job completed with some failed pages%n"
            + "  2  usage or input error (bad option, URL or file; unknown knowledgebase)%n"
            + "  3  job failed or was cancelled%n"
            + "  4  server unreachable, key refused, or unexpected server error%n"
            + "  130  interrupted (Ctrl-C) while following a job%n";

    private ExitCodes() {}
}
