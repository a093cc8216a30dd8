package dev.gleaner.metrics;

import dev.gleaner.jobs.ClaimPolicy;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.Frontier;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.Seeded;
import dev.gleaner.jobs.SeedingLease;
import dev.gleaner.jobs.UnchangedSeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Frontier} that counts the pages whose processing it records, by outcome ({@code gleaner_pages_fetched_total}):
 * only results the frontier accepted (the lease was still held), so the final outcomes add up to the jobs' {@code done}
 * and {@code failed} counters for the pages this process processed. {@code retry} counts transient failures put back
 * for another attempt, which no job counter holds. Seeds a sitemap's {@code lastmod} confirmed at seeding, which no
 * worker fetches or processes, are counted as {@code unchanged} when their seeding is recorded. A URL given up by a
 * claim because its workers kept dying is not counted.
 */
final class MeteredFrontier implements Frontier {
    static final String PAGES = "gleaner.pages.fetched";

    private final Frontier frontier;
    private final MeterRegistry registry;

    MeteredFrontier(Frontier frontier, MeterRegistry registry) {
        this.frontier = frontier;
        this.registry = registry;
    }

    @Override
    public List<Lease> claim(String workerId, int max, Instant now, ClaimPolicy policy) {
        return frontier.claim(workerId, max, now, policy);
    }

    @Override
    public boolean complete(Lease lease, PageResult result, Instant now) {
        boolean held = frontier.complete(lease, result, now);
        if (held) {
            pages(outcome(result)).increment();
        }
        return held;
    }

    private Counter pages(String outcome) {
        return Counter.builder(PAGES)
                .description("Pages whose processing ended, by outcome (retry: put back for another attempt)")
                .tag("outcome", outcome)
                .register(registry);
    }

    static String outcome(PageResult result) {
        if (result instanceof PageResult.Failed failed) {
            return failed.outcome().wire();
        }
        if (result instanceof PageResult.Settled settled) {
            return settled.outcome().wire();
        }
        if (result instanceof PageResult.Ingested) {
            return PageOutcome.INGESTED.wire();
        }
        return result instanceof PageResult.Updated ? PageOutcome.UPDATED.wire() : "retry";
    }

    @Override
    public boolean renew(Lease lease, Instant until) {
        return frontier.renew(lease, until);
    }

    @Override
    public void pace(String server, Duration gap, @Nullable Instant notBefore) {
        frontier.pace(server, gap, notBefore);
    }

    @Override
    public List<SeedingLease> claimSeeding(String workerId, int max, Instant now, Duration leaseFor) {
        return frontier.claimSeeding(workerId, max, now, leaseFor);
    }

    @Override
    public boolean seeded(SeedingLease lease, List<FoundUrl> urls, @Nullable String error, Instant now) {
        return frontier.seeded(lease, urls, error, now);
    }

    @Override
    public Seeded seeded(
            SeedingLease lease,
            List<FoundUrl> urls,
            List<UnchangedSeed> unchanged,
            @Nullable String error,
            Instant now) {
        Seeded seeded = frontier.seeded(lease, urls, unchanged, error, now);
        if (seeded.unchanged() > 0) {
            pages(PageOutcome.UNCHANGED.wire()).increment(seeded.unchanged());
        }
        return seeded;
    }
}
