package dev.gleaner.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per developer key, in this process: a key may make {@code burst} requests at once, refilled at
 * {@code perSecond}. Each process counts on its own (N processes allow a key N times the rate): a per-second limit in
 * the shared store would cost a write per request, and its purpose, keeping one key from monopolising a process, is a
 * per-process concern. Time comes from the clock.
 */
public final class RequestRate {
    /** Buckets kept before idle, full ones are dropped (a full bucket is the same as none). */
    private static final int SWEEP_ABOVE = 10_000;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perSecond;
    private final int burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RequestRate(double perSecond, int burst, Clock clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one request of {@code keyId}; empty when rate limiting is off. */
    public Optional<RateDecision> take(String keyId) {
        if (burst == 0) {
            return Optional.empty();
        }
        long now = nanos();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now, perSecond, burst));
        }
        Bucket bucket = buckets.computeIfAbsent(keyId, id -> new Bucket(burst, now));
        return Optional.of(bucket.take(now, perSecond, burst));
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    }

    /** Tokens of one key, refilled lazily when taken from. */
    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updatedNanos = now;
        }

        synchronized RateDecision take(long now, double perSecond, int burst) {
            refill(now, perSecond, burst);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            Duration retryAfter = allowed ? Duration.ZERO : seconds((1 - tokens) / perSecond);
            return new RateDecision(
                    allowed, burst, (int) Math.floor(tokens), seconds((burst - tokens) / perSecond), retryAfter);
        }

        synchronized boolean fullAt(long now, double perSecond, int burst) {
            refill(now, perSecond, burst);
            return tokens >= burst;
        }

        private void refill(long now, double perSecond, int burst) {
            if (now > updatedNanos) {
                tokens = Math.min(burst, tokens + (now - updatedNanos) * perSecond / NANOS_PER_SECOND);
                updatedNanos = now;
            }
        }

        private static Duration seconds(double seconds) {
            return Duration.ofNanos((long) Math.ceil(seconds * NANOS_PER_SECOND));
        }
    }
}
