package dev.gleaner.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The per-URL work queue of every job, shared by every worker process. Claims are atomic on SQLite and PostgreSQL
 * alike, so two workers never hold the same URL; a lease whose worker died is claimable again once it expires.
 */
public interface Frontier {
    /**
     * Claims up to {@code max} URLs for {@code workerId} until {@code now + policy.leaseFor()}: pending URLs whose
     * {@code notBefore} has passed, and leased URLs whose lease has expired, of jobs that are queued or running, oldest
     * admitted first, never more than {@code policy.perServerLimit()} live leases per server, and never a URL of a
     * server before its pacing allows: each claim moves the server's next allowed claim to
     * {@code now + max(policy.defaultGap(), the server's own gap)}, and {@link #pace} may push it further. A claimed job that was queued becomes
     * running. An expired URL already claimed {@code maxAttempts} times is not handed out again but fails
     * (reason: the worker processing it stopped), with the job's counters updated in the same transaction.
     */
    List<Lease> claim(String workerId, int max, Instant now, ClaimPolicy policy);

    /**
     * Records the result of a lease in one transaction, if the lease is still held (same worker, URL still leased,
     * job not cancelled or deleted); returns false otherwise, and then changes nothing. {@link PageResult.Settled}
     * marks the URL {@code done} with its outcome and increments {@code done}, storing no dataset. On {@link PageResult.Ingested}
     * it stores the dataset (parsed), its chunks and file, marks the URL {@code done}/{@code ingested} and increments
     * {@code done}. On {@link PageResult.Updated} it replaces
     * the dataset's fields, chunks and file (if it still has the content hash the page was processed against), marks
     * the URL {@code done}/{@code updated} and increments {@code done}. An ingested page whose key another job stored
     * meanwhile, or an update whose dataset changed or went meanwhile, stores nothing: the URL goes back to pending,
     * claimable at once, and the call still answers true; on {@link PageResult.Failed} it marks it {@code failed} with the outcome and increments
     * {@code failed}; on {@link PageResult.Retry} it returns the URL to pending until {@code notBefore}. Links are
     * admitted as in {@link JobStore#create}, skipping keys the job already has. When no URL of the job is left pending
     * or leased, the job finishes: {@code failed} (with {@code error}) if nothing was done and something failed,
     * otherwise {@code completed}.
     */
    boolean complete(Lease lease, PageResult result, Instant now);

    /** Extends a held lease until {@code until}; false when it is no longer held (then the worker should stop). */
    boolean renew(Lease lease, Instant until);

    /**
     * Sets a server's own pacing: the least gap between two claims of its URLs (e.g. robots.txt Crawl-delay), and
     * optionally a time before which none may be claimed (Retry-After, backoff of a failing server). Kept across jobs.
     */
    void pace(String server, Duration gap, @Nullable Instant notBefore);

    /**
     * Claims up to {@code max} seeding tasks (jobs whose seeding is pending, or leased with an expired lease, and not
     * finished) until {@code now + leaseFor}.
     */
    List<SeedingLease> claimSeeding(String workerId, int max, Instant now, Duration leaseFor);

    /**
     * Records the end of a seeding task in one transaction if its lease is still held: {@code urls} are admitted as
     * links are in {@link #complete}; seeding becomes done; the job finishes if nothing is left pending or leased (a
     * job that admitted nothing at all fails with {@code error}, or "No URL found to import" when error is null).
     */
    boolean seeded(SeedingLease lease, List<FoundUrl> urls, @Nullable String error, Instant now);

    /**
     * Records the end of a seeding task like {@link #seeded(SeedingLease, List, String, Instant)}; each of
     * {@code unchanged} (whose URL is one of {@code urls}) that the job admits ends at once as {@code unchanged},
     * confirming its dataset for the job's sync, in the same transaction, without being claimed or fetched. A frontier
     * that cannot confirm seeds admits them like the others, to be fetched. Says how many it confirmed so.
     */
    default Seeded seeded(
            SeedingLease lease,
            List<FoundUrl> urls,
            List<UnchangedSeed> unchanged,
            @Nullable String error,
            Instant now) {
        return seeded(lease, urls, error, now) ? new Seeded(true, 0) : Seeded.LOST;
    }
}
