package dev.gleaner.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The per-URL work queue of every job, shared by every worker process. Claims are atomic on SQLite and PostgreSQL
 * alike, so two workers never hold the same URL; a lease whose worker died is claimable again once it expires.
 */
public interface Frontier {
    /**
     * Claims up to {@code max} URLs for {@code workerId} until {@code now + leaseFor}: pending URLs whose
     * {@code notBefore} has passed, and leased URLs whose lease has expired, of jobs that are queued or running, oldest
     * admitted first, never more than {@code perHostLimit} live leases per host. A claimed job that was queued becomes
     * running. An expired URL already claimed {@code maxAttempts} times is not handed out again but fails
     * (reason: the worker processing it stopped), with the job's counters updated in the same transaction.
     */
    List<Lease> claim(String workerId, int max, Instant now, Duration leaseFor, int perHostLimit, int maxAttempts);

    /**
     * Records the result of a lease in one transaction, if the lease is still held (same worker, URL still leased,
     * job not cancelled or deleted); returns false otherwise, and then changes nothing. On {@link PageResult.Ingested}
     * it stores the dataset (parsed), its chunks and file, marks the URL {@code done}/{@code ingested} and increments
     * {@code done}; on {@link PageResult.Failed} it marks it {@code failed} with the outcome and increments
     * {@code failed}; on {@link PageResult.Retry} it returns the URL to pending until {@code notBefore}. Links are
     * admitted as in {@link JobStore#create}, skipping keys the job already has. When no URL of the job is left pending
     * or leased, the job finishes: {@code failed} (with {@code error}) if nothing was done and something failed,
     * otherwise {@code completed}.
     */
    boolean complete(Lease lease, PageResult result, Instant now);
}
