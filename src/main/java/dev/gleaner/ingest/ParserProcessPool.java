package dev.gleaner.ingest;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses documents in a pool of parser processes, so that no document can take the service down: each process is a
 * JVM ({@link ParserChild}, started from this process's own Java and class path) with a heap of its own ({@link
 * ParserSettings#heapMegabytes}) that exits when it runs out of memory, and a parse that outlives {@link
 * DocumentLimits#parseTimeout} (plus a short grace for the parser's own deadline to answer first) has its process
 * killed. A process that died or was killed is replaced by a new one when the next document needs it; the others are
 * kept running and reused, so the JVM start is paid once per process, not per document. At most {@link
 * ParserSettings#processes} documents are parsed at once; callers beyond wait their turn. Processes start on first use.
 * Thread-safe.
 */
public final class ParserProcessPool implements DocumentParser, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParserProcessPool.class);
    /** The parser's own deadline check answers first; the process is killed if it has not answered by then. */
    static final Duration KILL_GRACE = Duration.ofSeconds(2);
    /** The longest a new parser process may take to be ready. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ParserSettings settings;
    private final List<String> command;
    private final Semaphore slots;
    private final Deque<ParserProcess> idle = new ArrayDeque<>();
    private final Set<ParserProcess> live = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("gleaner-parser-watchdog").daemon().unstarted(r));
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile boolean closed;

    public ParserProcessPool(ParserSettings settings) {
        this(settings, command(settings, ParserChild.class.getName()));
    }

    /** A pool whose processes run {@code command}, which must speak {@link ParserProtocol} as {@link ParserChild} does. */
    ParserProcessPool(ParserSettings settings, List<String> command) {
        this.settings = settings;
        this.command = List.copyOf(command);
        this.slots = new Semaphore(settings.processes(), true);
    }

    /** The command that starts one parser process running {@code mainClass} with this JVM's Java and class path. */
    static List<String> command(ParserSettings settings, String mainClass) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.heapMegabytes() + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                classPath(),
                mainClass));
        command.addAll(Arrays.asList(ParserChild.arguments(settings.limits())));
        return List.copyOf(command);
    }

    /**
     * This JVM's class path with every entry made absolute (the launcher expands {@code lib/*} into relative entries
     * when given relative ones), so that a parser process finds the classes whatever its working directory.
     */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Override
    public DocumentReading extract(byte[] body, @Nullable String contentType, URI source) {
        String format = DocumentExtractor.formatName(contentType);
        DocumentLimits limits = settings.limits();
        if (body.length > limits.maxDocumentBytes()) {
            return DocumentExtractor.tooLarge(format, limits);
        }
        slots.acquireUninterruptibly();
        try {
            ParserProcess process = idleOrStarted();
            if (process == null) {
                return unavailable(format);
            }
            return parseIn(process, new ParserProtocol.Request(contentType, source, body), format);
        } finally {
            slots.release();
        }
    }

    /** Parser processes started so far. */
    public long started() {
        return started.get();
    }

    /** Parser processes that died or were killed while reading a document. */
    public long lost() {
        return lost.get();
    }

    /** Parser processes running now. */
    public int running() {
        return live.size();
    }

    private DocumentReading parseIn(ParserProcess process, ParserProtocol.Request request, String format) {
        DocumentLimits limits = settings.limits();
        ScheduledFuture<?> deadline = watchdog.schedule(
                process::kill, limits.parseTimeout().plus(KILL_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        DocumentReading reading;
        try {
            ParserProtocol.writeRequest(process.requests(), request);
            reading = ParserProtocol.readReading(process.answers(), limits);
        } catch (IOException ended) {
            deadline.cancel(false);
            return failure(process, format);
        }
        deadline.cancel(false);
        if (process.isAlive() && !closed) {
            synchronized (idle) {
                idle.push(process);
            }
        } else {
            discard(process);
        }
        return reading;
    }

    /** Why the process stopped answering: killed at the deadline, out of memory, or another end. */
    private DocumentReading failure(ParserProcess process, String format) {
        if (closed) {
            discard(process);
            return unavailable(format);
        }
        lost.incrementAndGet();
        boolean killed = process.wasKilled();
        int status = killed ? -1 : process.exitStatus(5);
        discard(process);
        if (killed) {
            LOG.warn(
                    "Parser process {} was killed: a {} took longer than {}",
                    process.pid(),
                    format,
                    settings.limits().parseTimeout());
            return DocumentExtractor.tooSlow(format, settings.limits().parseTimeout());
        }
        if (status == ParserProcess.OUT_OF_MEMORY_EXIT) {
            LOG.warn("Parser process {} ran out of memory reading a {}", process.pid(), format);
            return new DocumentReading.Unreadable(
                    DocumentProblem.TOO_LARGE_UNPACKED,
                    format,
                    "The document is too large when unpacked: reading it needs more than the "
                            + settings.heapMegabytes() + " MB of memory a document may use");
        }
        LOG.warn("Parser process {} stopped (status {}) reading a {}", process.pid(), status, format);
        return new DocumentReading.Unreadable(
                DocumentProblem.PARSER_STOPPED,
                format,
                "The document could not be parsed: reading it stopped the parser (the " + format
                        + " is probably damaged)");
    }

    private @Nullable ParserProcess idleOrStarted() {
        while (true) {
            ParserProcess process;
            synchronized (idle) {
                process = idle.poll();
            }
            if (process == null) {
                return closed ? null : startProcess();
            }
            if (process.isAlive()) {
                return process;
            }
            discard(process); // died while idle (killed from outside)
        }
    }

    private @Nullable ParserProcess startProcess() {
        long begin = System.nanoTime();
        ParserProcess process;
        try {
            process = ParserProcess.start(command);
        } catch (IOException e) {
            LOG.error("Cannot start a parser process with {}", command.getFirst(), e);
            return null;
        }
        live.add(process);
        ScheduledFuture<?> tooSlow = watchdog.schedule(process::kill, START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        boolean ready = process.awaitReady();
        tooSlow.cancel(false);
        if (!ready) {
            LOG.error("A parser process did not start (exit status {})", process.exitStatus(5));
            discard(process);
            return null;
        }
        started.incrementAndGet();
        LOG.info(
                "Parser process {} ready in {} ms",
                process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        return process;
    }

    private void discard(ParserProcess process) {
        live.remove(process);
        process.kill();
    }

    private static DocumentReading unavailable(String format) {
        return new DocumentReading.Unreadable(
                DocumentProblem.PARSER_UNAVAILABLE,
                format,
                "The document could not be parsed: no parser process could be started (see the service's log)");
    }

    /** Stops every parser process; documents still being parsed end as unreadable. */
    @Override
    public void close() {
        closed = true;
        List<ParserProcess> idleNow;
        synchronized (idle) {
            idleNow = new ArrayList<>(idle);
            idle.clear();
        }
        idleNow.forEach(ParserProcess::stop);
        live.forEach(ParserProcess::kill);
        live.clear();
        watchdog.shutdownNow();
    }
}
