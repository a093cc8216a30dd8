package dev.gleaner.webhooks;

import dev.gleaner.Heartbeat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's events on virtual threads of its own, so a slow receiver never holds up a crawl. A loop claims
 * the due head events of as many jobs as there are free slots ({@link WebhookSettings#concurrency}) every poll
 * interval, or at once when a delivery ends; each is sent on its own thread and the outcome recorded. Since the outbox
 * hands out only a job's oldest pending event, a job's next event goes out only after the previous one was delivered
 * or given up. After a failed attempt the event waits {@link WebhookSettings#backoff} less up to half of it at random;
 * after the last allowed attempt it is {@code failed}.
 *
 * <p>Each request carries {@code Content-Type: application/json}, {@code X-Signature} (signed with the job owner's
 * secrets, see {@link WebhookSecrets} and {@link WebhookSignature}),
 * {@code X-Gleaner-Event} (the event name), {@code X-Gleaner-Delivery} (the event id, the same on every attempt) and
 * {@code X-Gleaner-Timestamp} (when the attempt started, ISO-8601), then the target's own headers, which never replace
 * these.
 */
public final class WebhookDispatcher implements AutoCloseable {
    public static final String SIGNATURE_HEADER = "X-Signature";
    public static final String EVENT_HEADER = "X-Gleaner-Event";
    public static final String DELIVERY_HEADER = "X-Gleaner-Delivery";
    public static final String TIMESTAMP_HEADER = "X-Gleaner-Timestamp";
    /** Header names the service sets itself; a target's headers may not use them. */
    public static final Set<String> RESERVED_HEADERS =
            Set.of("x-signature", "x-gleaner-event", "x-gleaner-delivery", "x-gleaner-timestamp", "content-type");

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** How long closing waits for attempts in flight to be recorded. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final WebhookOutbox outbox;
    private final WebhookSender sender;
    private final WebhookSettings settings;
    private final WebhookSecrets secrets;
    private final String workerId;
    private final Clock clock;
    private final RandomGenerator random;
    private final Semaphore slots;
    private final Semaphore signal = new Semaphore(0);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private @Nullable Thread loop;
    private final Heartbeat heartbeat;

    public WebhookDispatcher(
            WebhookOutbox outbox,
            WebhookSender sender,
            WebhookSettings settings,
            WebhookSecrets secrets,
            String workerId,
            Clock clock,
            RandomGenerator random) {
        this.outbox = outbox;
        this.sender = sender;
        this.settings = settings;
        this.secrets = secrets;
        this.workerId = workerId;
        this.clock = clock;
        this.random = random;
        this.slots = new Semaphore(settings.concurrency());
        this.heartbeat = Heartbeat.every("webhook dispatcher", settings.pollInterval(), clock);
    }

    /** The liveness of the dispatching loop and of the deliveries it starts. */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    public synchronized void start() {
        if (loop != null) {
            return;
        }
        running = true;
        heartbeat.started();
        loop = Thread.ofVirtual()
                .name("gleaner-webhooks")
                .uncaughtExceptionHandler((t, e) -> heartbeat.died(e))
                .start(this::run);
    }

    /** Looks for due events now rather than at the next poll. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    private void run() {
        while (running) {
            try {
                dispatchDue();
                heartbeat.round();
            } catch (RuntimeException e) {
                LOG.warn("Claiming webhook events failed; trying again at the next poll", e);
            }
            try {
                signal.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void dispatchDue() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        List<Delivery> claimed = outbox.claim(workerId, free, clock.instant(), settings.leaseFor());
        for (Delivery delivery : claimed) {
            slots.acquireUninterruptibly();
            threads.execute(() -> {
                try {
                    deliver(delivery);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Recording webhook event {} failed; it is sent again when its claim expires",
                            delivery.id(),
                            e);
                } catch (VirtualMachineError e) {
                    heartbeat.fatal(e);
                    throw e;
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
    }

    private void deliver(Delivery delivery) {
        Instant at = clock.instant();
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        WebhookSender.Answer answer = sender.post(
                URI.create(delivery.target().url()), headers(delivery, body, at), body, settings.requestTimeout());
        long durationMs = Math.max(0, Duration.between(at, clock.instant()).toMillis());
        DeliveryAttempt attempt =
                switch (answer) {
                    case WebhookSender.Answer.Status status ->
                        new DeliveryAttempt(at, status.status(), null, durationMs, status.snippet());
                    case WebhookSender.Answer.NoAnswer none ->
                        new DeliveryAttempt(at, null, none.error(), durationMs, null);
                };
        // An attempt cut short by close() is still recorded: with the interrupt flag set, the database driver would
        // close its connection instead of writing.
        boolean interrupted = Thread.interrupted();
        try {
            record(delivery, attempt);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void record(Delivery delivery, DeliveryAttempt attempt) {
        if (attempt.delivered()) {
            outbox.record(delivery, attempt, DeliveryStatus.DELIVERED, null);
        } else if (delivery.attempt() >= settings.maxAttempts()) {
            outbox.record(delivery, attempt, DeliveryStatus.FAILED, null);
        } else {
            outbox.record(
                    delivery, attempt, DeliveryStatus.PENDING, clock.instant().plus(delay(delivery.attempt())));
        }
    }

    /** The backoff after attempt {@code attempt}, less up to half of it at random. */
    Duration delay(int attempt) {
        long millis = settings.backoff(attempt).toMillis();
        long jitter = millis / 2 == 0 ? 0 : random.nextLong(millis / 2 + 1);
        return Duration.ofMillis(millis - jitter);
    }

    private Map<String, String> headers(Delivery delivery, byte[] body, Instant at) {
        Map<String, String> headers = new LinkedHashMap<>();
        delivery.target().headers().forEach((name, value) -> {
            if (!RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, value);
            }
        });
        headers.put("Content-Type", "application/json");
        headers.put(SIGNATURE_HEADER, WebhookSignature.header(secrets.signingSecrets(delivery.ownerId()), body));
        headers.put(EVENT_HEADER, delivery.event());
        headers.put(DELIVERY_HEADER, delivery.id());
        headers.put(TIMESTAMP_HEADER, WebhookPayloads.timestamp(at));
        return headers;
    }

    /**
     * Stops claiming, then interrupts the attempts in flight; each is recorded as an attempt without answer and the
     * event stays pending, so it is sent again (same id) after a restart or by another process.
     */
    @Override
    public void close() {
        Thread current;
        synchronized (this) {
            running = false;
            heartbeat.stopped();
            current = loop;
            loop = null;
        }
        if (current != null) {
            // Not interrupted: an interrupt during a database call would break its connection. The loop sees
            // running == false as soon as it wakes.
            wake();
            try {
                current.join(CLOSE_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
