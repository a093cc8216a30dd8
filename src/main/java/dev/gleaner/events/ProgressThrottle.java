package dev.gleaner.events;

import dev.gleaner.jobs.CrawlJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides which job states one subscriber is sent, and when: at most one state per job per {@code gap}; states offered
 * in between coalesce (the latest wins), except that a finished state is never replaced (a newer state waits another
 * gap behind it). A state not newer than the latest one taken for that job ({@code updatedAt}) is dropped, so a
 * change seen twice is sent once. Not thread-safe: one subscriber's sending thread owns it.
 */
public final class ProgressThrottle {
    private final Duration gap;
    private final Clock clock;
    private final Map<String, PerJob> jobs = new HashMap<>();

    public ProgressThrottle(Duration gap, Clock clock) {
        this.gap = gap;
        this.clock = clock;
    }

    private static final class PerJob {
        @Nullable
        Instant sentAt;

        Instant latest;
        final Deque<CrawlJob> held = new ArrayDeque<>(2);

        PerJob(Instant latest) {
            this.latest = latest;
        }
    }

    /** Records {@code job} as sent outside the throttle (a snapshot); later offers of it obey the gap. */
    public void sent(CrawlJob job) {
        PerJob state = jobs.computeIfAbsent(job.id(), id -> new PerJob(job.updatedAt()));
        state.latest = job.updatedAt();
        state.sentAt = clock.instant();
        state.held.clear();
    }

    /** Offers a newly seen state; returns it when it is to be sent now, or nothing (held back or not newer). */
    public List<CrawlJob> offer(CrawlJob job) {
        Instant now = clock.instant();
        PerJob state = jobs.get(job.id());
        if (state == null) {
            state = new PerJob(job.updatedAt());
            jobs.put(job.id(), state);
        } else if (!job.updatedAt().isAfter(state.latest)) {
            return List.of();
        }
        state.latest = job.updatedAt();
        if (state.held.isEmpty() && maySend(state, now)) {
            state.sentAt = now;
            return List.of(job);
        }
        CrawlJob last = state.held.peekLast();
        if (last != null && !last.status().finished()) {
            state.held.pollLast();
        }
        state.held.addLast(job);
        return List.of();
    }

    /** The held-back states whose gap has passed, one per job, removed from the throttle. */
    public List<CrawlJob> due() {
        Instant now = clock.instant();
        List<CrawlJob> due = new ArrayList<>();
        for (PerJob state : jobs.values()) {
            if (!state.held.isEmpty() && maySend(state, now)) {
                due.add(state.held.pollFirst());
                state.sentAt = now;
            }
        }
        return due;
    }

    /** When the earliest held-back state may be sent, or empty when nothing is held back. */
    public Optional<Instant> nextDue() {
        Instant next = null;
        for (PerJob state : jobs.values()) {
            if (!state.held.isEmpty()) {
                Instant at = state.sentAt == null ? Instant.MIN : state.sentAt.plus(gap);
                if (next == null || at.isBefore(next)) {
                    next = at;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    private boolean maySend(PerJob state, Instant now) {
        return state.sentAt == null || !now.isBefore(state.sentAt.plus(gap));
    }
}
