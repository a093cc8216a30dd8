package dev.gleaner.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.events.EventSettings;
import dev.gleaner.events.JobFeed;
import dev.gleaner.events.ProgressThrottle;
import dev.gleaner.jobs.CrawlJob;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One open job events stream: writes the snapshot, then the changes the {@link JobFeed} hands it (through a bounded
 * inbox, so the feed never waits for a client), throttled per job, with a heartbeat when silent. It runs on the
 * request's own virtual thread, parked while there is nothing to send; it ends when a write fails (the client went
 * away), when the knowledgebase is gone, when its inbox overflows (a client too slow to keep up reconnects and
 * resumes) or when {@link #close} is called.
 *
 * <p>The event id is a cursor: the latest {@code updatedAt} (epoch ms) among the jobs sent so far. A client resuming
 * from it gets every job changed since that time minus the feed's slack.
 */
final class JobEventStream implements JobFeed.Listener {
    /** Job states waiting for the stream's thread; beyond this the client is too slow and the stream is closed. */
    static final int INBOX_CAPACITY = 10_000;
    /** A cursor is epoch milliseconds; 15 digits reach far past any date a job is stamped with. */
    private static final int MAX_CURSOR_DIGITS = 15;

    private final OutputStream out;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final EventSettings settings;
    private final BooleanSupplier knowledgebaseExists;
    private final ProgressThrottle throttle;
    private final BlockingQueue<CrawlJob> inbox = new LinkedBlockingQueue<>(INBOX_CAPACITY);
    private volatile boolean closed;
    private volatile @Nullable Thread thread;
    private long cursor = Long.MIN_VALUE;

    JobEventStream(
            OutputStream out,
            ObjectMapper mapper,
            Clock clock,
            EventSettings settings,
            BooleanSupplier knowledgebaseExists) {
        this.out = out;
        this.mapper = mapper;
        this.clock = clock;
        this.settings = settings;
        this.knowledgebaseExists = knowledgebaseExists;
        this.throttle = new ProgressThrottle(settings.throttle(), clock);
    }

    @Override
    public void changed(CrawlJob job) {
        if (!inbox.offer(job)) {
            close();
        }
    }

    /** Ends the stream from another thread; its thread returns soon after. */
    void close() {
        closed = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Writes the snapshot and {@code ready}, then events until the stream ends; returns when it has. */
    void run(List<CrawlJob> snapshot) throws IOException {
        thread = Thread.currentThread();
        write("retry: 3000\n\n");
        for (CrawlJob job : snapshot) {
            throttle.sent(job);
            writeJob(job);
        }
        write((cursor == Long.MIN_VALUE ? "" : "id: " + cursor + "\n") + "event: ready\ndata: {}\n\n");
        Instant lastWrite = clock.instant();
        Instant lastCheck = lastWrite;
        while (!closed) {
            Instant now = clock.instant();
            Instant wake = lastWrite.plus(settings.heartbeat());
            Instant due = throttle.nextDue().orElse(wake);
            if (due.isBefore(wake)) {
                wake = due;
            }
            CrawlJob job = take(Duration.between(now, wake));
            if (closed) {
                return;
            }
            if (job != null) {
                for (CrawlJob sendable : throttle.offer(job)) {
                    lastWrite = writeJob(sendable);
                }
            }
            for (CrawlJob sendable : throttle.due()) {
                lastWrite = writeJob(sendable);
            }
            now = clock.instant();
            if (!now.isBefore(lastCheck.plus(settings.heartbeat()))) {
                lastCheck = now;
                if (!knowledgebaseExists.getAsBoolean()) {
                    return;
                }
            }
            if (!now.isBefore(lastWrite.plus(settings.heartbeat()))) {
                write(": keep-alive\n\n");
                lastWrite = now;
            }
        }
    }

    private @Nullable CrawlJob take(Duration wait) {
        try {
            long millis = Math.max(0, wait.toMillis());
            return millis == 0 ? inbox.poll() : inbox.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            closed = true;
            return null;
        }
    }

    private Instant writeJob(CrawlJob job) throws IOException {
        cursor = Math.max(cursor, job.updatedAt().toEpochMilli());
        String data = mapper.writeValueAsString(SchemaMapping.job(job));
        write("id: " + cursor + "\nevent: job\ndata: " + data + "\n\n");
        return clock.instant();
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The cursor of a resuming client, or null (a full snapshot) when absent or not one this stream wrote. */
    static @Nullable Instant resumeFrom(@Nullable String lastEventId) {
        if (lastEventId == null || lastEventId.isEmpty() || lastEventId.length() > MAX_CURSOR_DIGITS) {
            return null;
        }
        for (int i = 0; i < lastEventId.length(); i++) {
            char c = lastEventId.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Instant.ofEpochMilli(Long.parseLong(lastEventId));
    }
}
