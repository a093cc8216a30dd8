package dev.gleaner.cli;

import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Why {@code serve} could not start, as the one sentence it prints (exit code 1, a stack trace only with
 * {@code --verbose}). {@link #of} is the one place a start's exception is read and turned into one of these.
 */
sealed interface StartFailure {
    /** What went wrong and what to do about it, in one sentence without a trailing period. */
    String sentence();

    /** Another process listens on the port. */
    record PortInUse(String host, int port) implements StartFailure {
        @Override
        public String sentence() {
            return "port " + port + " on " + host + " is already in use: stop what listens on it, or choose another"
                    + " port with --port";
        }
    }

    /** The address cannot be listened on for another reason (an address of no interface of this machine…). */
    record CannotListen(String host, int port, String reason) implements StartFailure {
        @Override
        public String sentence() {
            return "cannot listen on " + host + ":" + port + ": " + reason + "; check --host and --port";
        }
    }

    /** Another Gleaner process (or another start in this one) uses the data directory. */
    record DataDirectoryLocked(Path dir, @Nullable Long pid) implements StartFailure {
        @Override
        public String sentence() {
            return "the data directory " + dir + " is in use by another Gleaner process"
                    + (pid == null ? "" : " (pid " + pid + ")")
                    + ": stop it, or choose another directory with --data";
        }
    }

    /** The data directory cannot be created or written. */
    record DataDirectoryUnusable(Path dir, String problem) implements StartFailure {
        @Override
        public String sentence() {
            return "cannot use the data directory " + dir + ": " + problem + "; choose another directory with --data";
        }
    }

    /** Anything else: its message, the details with {@code --verbose}. */
    record Unexpected(String description) implements StartFailure {
        @Override
        public String sentence() {
            return "the server could not start: " + description + " (run with --verbose for the details)";
        }
    }

    /** What {@code failure}, thrown by a start on {@code dataDir} listening on {@code host:port}, means. */
    static StartFailure of(Throwable failure, Path data, String host, int port) {
        Path dataDir = data.toAbsolutePath().normalize();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartException known) {
                return known.failure();
            }
            if (cause instanceof BindException bind) {
                String reason = String.valueOf(bind.getMessage());
                return reason.toLowerCase(Locale.ROOT).contains("in use")
                        ? new PortInUse(host, port)
                        : new CannotListen(host, port, reason.toLowerCase(Locale.ROOT));
            }
            if (cause instanceof FileSystemException file) {
                return unusable(dataDir, file);
            }
        }
        String message = failure.getMessage();
        return new Unexpected(
                message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
    }

    private static StartFailure unusable(Path dataDir, FileSystemException e) {
        String given = e.getReason();
        String reason = given == null ? "" : given.toLowerCase(Locale.ROOT);
        String file = e.getFile();
        Object where = file == null ? dataDir : file;
        Path blocker = nearestExisting(dataDir);
        String problem;
        if (blocker != null && !Files.isDirectory(blocker)) {
            problem =
                    blocker.equals(dataDir) ? "it is a file, not a directory" : blocker + " is a file, not a directory";
        } else if (e instanceof AccessDeniedException || reason.contains("permission denied")) {
            problem = "permission denied on " + where + " (it must be writable by this user)";
        } else if (reason.contains("read-only")) {
            problem = "it is on a read-only file system";
        } else {
            problem = where + ": " + (reason.isEmpty() ? e.getClass().getSimpleName() : reason);
        }
        return new DataDirectoryUnusable(dataDir, problem);
    }

    /** {@code path} or its nearest ancestor that exists (without following a final symbolic link), if any. */
    private static @Nullable Path nearestExisting(Path path) {
        for (Path candidate = path; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        return null;
    }
}
