package dev.gleaner.jobs;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A job's seeding task in memory, as the SQL store keeps it in the job's row. */
record InMemorySeeding(State state, @Nullable String workerId, @Nullable Instant expiresAt, int attempts) {
    enum State {
        NONE,
        PENDING,
        LEASED,
        DONE
    }

    /** The task a new job starts with: pending when its spec asks for sitemaps. */
    static InMemorySeeding initial(CrawlSpec spec) {
        boolean sitemaps = spec.mode() == JobMode.SITEMAP
                || (spec.mode() == JobMode.CRAWL && spec.sitemap() != SitemapPolicy.SKIP);
        return new InMemorySeeding(sitemaps ? State.PENDING : State.NONE, null, null, 0);
    }

    boolean open() {
        return state == State.PENDING || state == State.LEASED;
    }

    boolean claimable(Instant now) {
        return state == State.PENDING || (state == State.LEASED && expiresAt != null && expiresAt.isBefore(now));
    }

    InMemorySeeding leased(String worker, Instant until) {
        return new InMemorySeeding(State.LEASED, worker, until, attempts + 1);
    }

    boolean heldBy(SeedingLease lease) {
        return state == State.LEASED && lease.workerId().equals(workerId) && lease.attempt() == attempts;
    }

    InMemorySeeding ended() {
        return open() ? new InMemorySeeding(State.DONE, null, null, attempts) : this;
    }
}
