package dev.gleaner.limits;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-owner daily quotas of fetched pages and uploaded bytes, counted per UTC day in the shared store, so every
 * process of a deployment enforces the same total. Days follow the injected clock. The first charge of a new day in a
 * process deletes the counters older than {@link #RETAINED_DAYS}.
 */
public final class DailyQuotas {
    /** Days of counters kept (today's included). */
    public static final int RETAINED_DAYS = 31;

    private final UsageStore store;
    private final AbuseLimits limits;
    private final Clock clock;
    /** A project's owner never changes, so it is looked up once per process. */
    private final Map<String, String> projectOwners = new ConcurrentHashMap<>();
    /** The last day this process pruned old counters on. */
    private final AtomicLong prunedOn = new AtomicLong(Long.MIN_VALUE);

    public DailyQuotas(UsageStore store, AbuseLimits limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** Charges {@code amount} of {@code kind} to the owner's quota of today, unless that would exceed it. */
    public QuotaUse charge(String ownerId, UsageKind kind, long amount) {
        Instant now = clock.instant();
        long day = day(now);
        long limit = limit(kind);
        if (limit == 0) {
            return new QuotaUse(kind, true, 0, 0, day, resetsAt(day));
        }
        long last = prunedOn.get();
        if (day > last && prunedOn.compareAndSet(last, day)) {
            store.deleteBefore(day - RETAINED_DAYS + 1);
        }
        UsageStore.Usage usage = store.add(ownerId, kind, day, amount, limit);
        return new QuotaUse(kind, usage.added(), limit, usage.total(), day, resetsAt(day));
    }

    /**
     * Charges one page fetch to the owner of {@code projectId}; allowed without a charge when the quota is off or the
     * project is gone (its jobs' pages are not recorded anyway).
     */
    public QuotaUse chargePageOf(String projectId) {
        Optional<String> owner = limit(UsageKind.PAGES) == 0 ? Optional.empty() : ownerOfProject(projectId);
        if (owner.isEmpty()) {
            long day = day(clock.instant());
            return new QuotaUse(UsageKind.PAGES, true, limit(UsageKind.PAGES), 0, day, resetsAt(day));
        }
        return charge(owner.get(), UsageKind.PAGES, 1);
    }

    /** Gives back a charge whose work was not done (e.g. an upload that turned out unreadable). */
    public void refund(String ownerId, QuotaUse use, long amount) {
        if (use.allowed() && use.limit() > 0) {
            store.subtract(ownerId, use.kind(), use.epochDay(), amount);
        }
    }

    /** Today's state of the owner's quota of {@code kind}, charging nothing; {@code allowed} is whether any is left. */
    public QuotaUse today(String ownerId, UsageKind kind) {
        long day = day(clock.instant());
        long limit = limit(kind);
        long used = limit == 0 ? 0 : store.used(ownerId, kind, day);
        return new QuotaUse(kind, limit == 0 || used < limit, limit, used, day, resetsAt(day));
    }

    /**
     * The 429 refusing work beyond a used-up quota: it says which quota, how much was used and when it resets;
     * {@code Retry-After} is the time until then. {@code what} names the unit, e.g. "uploaded bytes".
     */
    public ServiceException refusal(QuotaUse use, String what) {
        return new ServiceException(
                ErrorCode.RATE_LIMITED,
                "The daily quota of " + use.limit() + " " + what + " of this owner is used up (" + use.used()
                        + " used today); it resets at " + use.resetsAt(),
                Map.of(
                        use.kind().stored() + "PerDay",
                        "at most " + use.limit() + " per UTC day; resets at " + use.resetsAt()),
                Duration.between(clock.instant(), use.resetsAt()));
    }

    public long limit(UsageKind kind) {
        return switch (kind) {
            case PAGES -> limits.pagesPerDay();
            case UPLOAD_BYTES -> limits.uploadBytesPerDay();
        };
    }

    private Optional<String> ownerOfProject(String projectId) {
        String known = projectOwners.get(projectId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> owner = store.ownerOfProject(projectId);
        owner.ifPresent(o -> projectOwners.put(projectId, o));
        return owner;
    }

    private static long day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
    }

    private static Instant resetsAt(long epochDay) {
        return LocalDate.ofEpochDay(epochDay + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
