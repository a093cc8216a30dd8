package dev.gleaner.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running parser process ({@link ParserChild}) and its pipes. Used by one thread at a time ({@link
 * ParserProcessPool} hands it out); {@link #kill} may come from the pool's watchdog thread.
 */
final class ParserProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ParserProcess.class);
    /** The exit status of a JVM run with {@code -XX:+ExitOnOutOfMemoryError} that ran out of memory. */
    static final int OUT_OF_MEMORY_EXIT = 3;
    /** Stderr bytes of a parser process logged at most (its libraries' warnings can be many). */
    private static final long MAX_LOGGED_BYTES = 64 * 1024;

    private final Process process;
    private final DataOutputStream in;
    private final DataInputStream out;
    private volatile boolean killed;

    private ParserProcess(Process process) {
        this.process = process;
        this.in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.out = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    /** Starts a process running {@code command}; its stderr goes to this log at debug level. */
    static ParserProcess start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        Thread.ofVirtual().name("gleaner-parser-stderr-" + process.pid()).start(() -> logErrors(process));
        return new ParserProcess(process);
    }

    /** Waits for the process to say it is ready; false when it exited instead. */
    boolean awaitReady() {
        try {
            return out.read() == ParserProtocol.READY;
        } catch (IOException e) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    DataOutputStream requests() {
        return in;
    }

    DataInputStream answers() {
        return out;
    }

    boolean isAlive() {
        return process.isAlive() && !killed;
    }

    /** Ends the process at once (a parse past its deadline, or the pool closing). */
    void kill() {
        killed = true;
        process.destroyForcibly();
    }

    boolean wasKilled() {
        return killed;
    }

    /** The exit status once the process has ended (waiting up to {@code seconds}), else -1. */
    int exitStatus(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Closes its stdin, which ends the process once it is idle; kills it if it has not ended shortly after. */
    void stop() {
        try {
            in.close();
        } catch (IOException alreadyGone) {
            // Ending anyway.
        }
        if (exitStatus(2) < 0) {
            kill();
        }
    }

    /** Drains its stderr (a full pipe would block it), logging the first part at debug level. */
    private static void logErrors(Process process) {
        try (InputStream errors = process.getErrorStream()) {
            byte[] buffer = new byte[8192];
            long logged = 0;
            for (int n = errors.read(buffer); n >= 0; n = errors.read(buffer)) {
                if (logged < MAX_LOGGED_BYTES && LOG.isDebugEnabled()) {
                    LOG.debug("parser process {}: {}", process.pid(), new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
                logged += n;
            }
        } catch (IOException ended) {
            // The process ended.
        }
    }
}
