package dev.gleaner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The liveness of one long-running loop of the process (the crawl dispatcher, the job feed poller, the webhook
 * dispatcher, the index committer…), read by the health check. The loop reports each round it completes; the thread
 * running it reports the error that ended it; work it hands out reports a {@link VirtualMachineError} (out of memory, a
 * stack overflow), after which the process cannot be trusted.
 *
 * <p>A loop is unhealthy when it died, when such an error was seen, or when it is running but has not completed a round
 * for {@link #STALE_ROUNDS} times its interval (at least {@link #MIN_STALE}): stuck, or failing every round (e.g. its
 * database is unreachable). A loop stopped on purpose (closing) is not a problem. A heartbeat without interval (work
 * started on demand) is never stale.
 */
public final class Heartbeat {
    /** Rounds a loop may miss before it counts as stale. */
    public static final int STALE_ROUNDS = 10;
    /** The shortest silence that counts as stale, so a slow round under load is not a false alarm. */
    public static final Duration MIN_STALE = Duration.ofSeconds(60);

    private final String loop;
    private final @Nullable Duration staleAfter;
    private final Clock clock;
    private volatile @Nullable Instant lastRound;
    private volatile @Nullable String failure;
    private volatile boolean running;

    private Heartbeat(String loop, @Nullable Duration staleAfter, Clock clock) {
        this.loop = loop;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** The heartbeat of a loop that completes a round every {@code interval} when healthy. */
    public static Heartbeat every(String loop, Duration interval, Clock clock) {
        Duration stale = interval.multipliedBy(STALE_ROUNDS);
        return new Heartbeat(loop, stale.compareTo(MIN_STALE) < 0 ? MIN_STALE : stale, clock);
    }

    /** The heartbeat of work that runs on demand, with no round to miss: only errors make it unhealthy. */
    public static Heartbeat onDemand(String work, Clock clock) {
        return new Heartbeat(work, null, clock);
    }

    public String loop() {
        return loop;
    }

    /** The loop starts (again): its silence is measured from now. */
    public void started() {
        lastRound = clock.instant();
        running = true;
    }

    /** The loop completed a round successfully. */
    public void round() {
        lastRound = clock.instant();
    }

    /** The loop was stopped on purpose. */
    public void stopped() {
        running = false;
    }

    /** The loop's thread ended with {@code cause}, thrown out of it. */
    public void died(Throwable cause) {
        failure = "stopped by " + describe(cause);
        running = false;
    }

    /** Work of this component failed with an error the process does not recover from. */
    public void fatal(VirtualMachineError error) {
        failure = describe(error);
    }

    /** The current problem, or null when healthy. */
    public @Nullable String problem() {
        String failed = failure;
        if (failed != null) {
            return failed;
        }
        Instant last = lastRound;
        Duration stale = staleAfter;
        if (!running || stale == null || last == null) {
            return null;
        }
        Duration silent = Duration.between(last, clock.instant());
        return silent.compareTo(stale) > 0
                ? "has not completed a round for " + silent.toSeconds() + " s (expected every "
                        + stale.dividedBy(STALE_ROUNDS).toMillis() + " ms)"
                : null;
    }

    /** Seconds since the last completed round, or -1 before the first. */
    public double secondsSinceRound() {
        Instant last = lastRound;
        return last == null ? -1 : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }

    /**
     * {@code round} wrapped for a scheduled executor: an error thrown out of it is recorded as the loop's death (an
     * executor would otherwise swallow it and silently never run the loop again) and rethrown.
     */
    public Runnable guard(Runnable round) {
        return () -> {
            try {
                round.run();
            } catch (RuntimeException | Error e) {
                died(e);
                throw e;
            }
        };
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String name = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
