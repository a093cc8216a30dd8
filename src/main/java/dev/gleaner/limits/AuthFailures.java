package dev.gleaner.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentications per client address, in this process: an address that failed {@code allowed} times within a
 * window (starting at its first failure) is refused until the window ends, without its key being checked. Kept per
 * process, not in the shared store, so that a flood of bad keys costs no database write; with N processes an address
 * gets N times the allowance.
 */
public final class AuthFailures {
    /** Addresses tracked before expired windows are dropped. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int allowed;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AuthFailures(int allowed, Duration window, Clock clock) {
        this.allowed = allowed;
        this.window = window;
        this.clock = clock;
    }

    /** How long {@code address} is still refused; empty when it may try (or the limit is off). */
    public Optional<Duration> blocked(String address) {
        if (allowed == 0) {
            return Optional.empty();
        }
        Window current = windows.get(address);
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.endsAt()) || current.failures() < allowed) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.endsAt()));
    }

    /** Counts one failed authentication of {@code address}. */
    public void failed(String address) {
        if (allowed == 0) {
            return;
        }
        Instant now = clock.instant();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> !now.isBefore(w.endsAt()));
        }
        windows.compute(
                address,
                (a, w) -> w == null || !now.isBefore(w.endsAt())
                        ? new Window(now.plus(window), 1)
                        : new Window(w.endsAt(), w.failures() + 1));
    }

    /** The most failures allowed per window. */
    public int allowed() {
        return allowed;
    }

    private record Window(Instant endsAt, int failures) {}
}
