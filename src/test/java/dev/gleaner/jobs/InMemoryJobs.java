package dev.gleaner.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Frontier} and {@link JobStore} in memory, for fast tests: every rule comes from the same pure functions the
 * SQL store calls ({@link AdmissionPolicy}, {@link JobProgress}, {@link JobCompletion}, {@link JobEvents}); this class
 * only keeps the rows they decide about, one lock for everything standing in for the row locks. Server pacing is not
 * kept (but the per-server cap of live leases and one claim per server when a gap applies are), and stored datasets
 * are reduced to their source key and content hash. Every event a change emits is kept, whether a webhook wants it
 * or not ({@link #events}).
 */
public final class InMemoryJobs implements Frontier, JobStore {
    private final Map<String, CrawlJob> jobs = new LinkedHashMap<>();
    private final Map<String, String> projectOwners = new HashMap<>();
    private final InMemoryUrls urls = new InMemoryUrls();
    private final Map<String, InMemorySeeding> seeding = new HashMap<>();
    private final InMemoryRecorder recorder = new InMemoryRecorder(urls);

    private final Map<String, List<JobEvents.Emitted>> events = new HashMap<>();

    /** Makes {@code ownerId} the owner of {@code projectId}, as the catalog would. */
    public synchronized void own(String projectId, String ownerId) {
        projectOwners.put(projectId, ownerId);
    }

    /** Every event the job emitted so far, in order. */
    public synchronized List<JobEvents.Emitted> events(String jobId) {
        return List.copyOf(events.getOrDefault(jobId, List.of()));
    }

    /** The job's URLs as they are now, in admission order. */
    public synchronized List<InMemoryUrls.Url> urls(String jobId) {
        return urls.of(jobId);
    }

    @Override
    public synchronized CrawlJob create(CrawlJob job, List<FoundUrl> seeds) {
        CrawlJob fresh = JobProgress.fresh(job);
        seeding.put(fresh.id(), InMemorySeeding.initial(fresh.spec()));
        CrawlJob counted = urls.admit(fresh, seeds, fresh.updatedAt());
        CrawlJob admitted =
                AdmissionPolicy.created(counted, seeding.get(fresh.id()).open(), seeds);
        jobs.put(admitted.id(), admitted);
        emit(admitted.id(), JobEvents.created(fresh, admitted));
        return admitted;
    }

    @Override
    public synchronized Optional<CrawlJob> createWithin(
            CrawlJob job, List<FoundUrl> seeds, String ownerId, int maxUnfinished) {
        projectOwners.putIfAbsent(job.projectId(), ownerId);
        if (!AdmissionPolicy.admitsAnother(maxUnfinished, () -> unfinishedOf(ownerId))) {
            return Optional.empty();
        }
        return Optional.of(create(job, seeds));
    }

    @Override
    public synchronized long unfinishedOf(String ownerId) {
        return jobs.values().stream()
                .filter(job -> ownerId.equals(projectOwners.get(job.projectId())))
                .filter(job -> !job.status().finished())
                .count();
    }

    @Override
    public synchronized List<CrawlJob> list(String knowledgebaseId) {
        return jobs.values().stream()
                .filter(job -> job.knowledgebaseId().equals(knowledgebaseId))
                .sorted(Comparator.comparing(CrawlJob::startedAt)
                        .thenComparing(CrawlJob::id)
                        .reversed())
                .toList();
    }

    @Override
    public synchronized Optional<CrawlJob> find(String knowledgebaseId, String jobId) {
        return Optional.ofNullable(jobs.get(jobId))
                .filter(job -> job.knowledgebaseId().equals(knowledgebaseId));
    }

    @Override
    public synchronized Optional<CrawlJob> cancel(String knowledgebaseId, String jobId, Instant now) {
        Optional<CrawlJob> found = find(knowledgebaseId, jobId);
        if (found.isEmpty() || found.get().status().finished()) {
            return found;
        }
        urls.cancelOpen(jobId, now);
        seeding.computeIfPresent(jobId, (id, task) -> task.ended());
        return Optional.of(save(found.get(), JobProgress.finished(found.get(), JobStatus.CANCELLED, null), now));
    }

    @Override
    public synchronized Optional<PageListing> pages(
            String knowledgebaseId, String jobId, @Nullable PageOutcome outcome, int limit, @Nullable String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("A pages listing has at least one page: " + limit);
        }
        long after = InMemoryListing.after(cursor);
        return find(knowledgebaseId, jobId).map(job -> InMemoryListing.listing(urls.of(jobId), outcome, limit, after));
    }

    @Override
    public synchronized Optional<CrawlJob> retry(String knowledgebaseId, String jobId, Instant now) {
        Optional<CrawlJob> found = find(knowledgebaseId, jobId);
        if (found.isEmpty() || !found.get().status().canBecome(JobStatus.RUNNING)) {
            return found;
        }
        int requeued = urls.requeueFailed(jobId, now);
        if (requeued == 0) {
            return found;
        }
        return Optional.of(save(found.get(), JobProgress.retried(found.get(), requeued), now));
    }

    @Override
    public synchronized List<CrawlJob> changedSince(Instant since, int limit) {
        return jobs.values().stream()
                .filter(job -> !job.updatedAt().isBefore(since))
                .sorted(Comparator.comparing(CrawlJob::updatedAt).thenComparing(CrawlJob::id))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Lease> claim(String workerId, int max, Instant now, ClaimPolicy policy) {
        Map<String, CrawlJob> before = new HashMap<>();
        Map<String, CrawlJob> after = new LinkedHashMap<>();
        for (InMemoryUrls.Url url : urls.exhausted(now, policy.maxAttempts(), this::live)) {
            CrawlJob job = after.getOrDefault(url.jobId(), stored(url.jobId()));
            before.putIfAbsent(url.jobId(), job);
            String reason = ClaimPolicy.stoppedReason(url.attempts());
            urls.fail(url, PageOutcome.FAILED, reason, null, now);
            CrawlJob counted = JobProgress.counted(job, PageOutcome.FAILED);
            after.put(url.jobId(), counted);
            emit(url.jobId(), List.of(JobEvents.pageFailed(counted, url.found().url(), reason)));
        }
        after.replaceAll((id, job) -> finishIfDrained(job));
        List<Lease> leases = new ArrayList<>();
        for (InMemoryUrls.Url url : urls.claimable(now, policy, max, this::live)) {
            InMemoryUrls.Url leased = urls.lease(url, workerId, now.plus(policy.leaseFor()), now);
            CrawlJob job = after.getOrDefault(url.jobId(), stored(url.jobId()));
            before.putIfAbsent(url.jobId(), stored(url.jobId()));
            after.put(url.jobId(), JobProgress.running(job));
            leases.add(lease(job, leased));
        }
        after.forEach((id, job) -> save(Objects.requireNonNull(before.get(id)), job, now));
        return leases;
    }

    private CrawlJob stored(String jobId) {
        return Objects.requireNonNull(jobs.get(jobId), jobId);
    }

    private boolean live(String jobId) {
        CrawlJob job = jobs.get(jobId);
        return job != null && !job.status().finished();
    }

    private static Lease lease(CrawlJob job, InMemoryUrls.Url url) {
        return new Lease(
                job.id(),
                job.projectId(),
                job.knowledgebaseId(),
                url.found().key(),
                url.found().url(),
                url.found().depth(),
                url.attempts(),
                Objects.requireNonNull(url.workerId()),
                Objects.requireNonNull(url.leaseExpiresAt()),
                job.spec(),
                400,
                40,
                "all-minilm-l6-v2");
    }

    @Override
    public synchronized boolean complete(Lease lease, PageResult result, Instant now) {
        CrawlJob before = jobs.get(lease.jobId());
        Optional<InMemoryUrls.Url> held = urls.held(lease);
        if (before == null || before.status().finished() || held.isEmpty()) {
            return false;
        }
        CrawlJob recorded = recorder.record(before, held.get(), result, now);
        emit(
                before.id(),
                JobEvents.pageFinished(before, recorded, lease, result).stream().toList());
        save(before, finishIfDrained(recorded), now);
        return true;
    }

    @Override
    public synchronized boolean renew(Lease lease, Instant until) {
        return live(lease.jobId()) && urls.renew(lease, until);
    }

    @Override
    public void pace(String server, Duration gap, @Nullable Instant notBefore) {
        // Pacing is not kept in memory: tests of pacing run on the SQL stores.
    }

    @Override
    public synchronized List<SeedingLease> claimSeeding(String workerId, int max, Instant now, Duration leaseFor) {
        List<SeedingLease> leases = new ArrayList<>();
        for (CrawlJob job : List.copyOf(jobs.values())) {
            InMemorySeeding task = seeding.get(job.id());
            if (leases.size() < max && live(job.id()) && task != null && task.claimable(now)) {
                InMemorySeeding leased = task.leased(workerId, now.plus(leaseFor));
                seeding.put(job.id(), leased);
                save(job, JobProgress.running(job), now);
                leases.add(new SeedingLease(
                        job.id(), job.knowledgebaseId(), job.spec(), leased.attempts(), workerId, now.plus(leaseFor)));
            }
        }
        return leases;
    }

    @Override
    public synchronized boolean seeded(SeedingLease lease, List<FoundUrl> found, @Nullable String error, Instant now) {
        CrawlJob before = jobs.get(lease.jobId());
        InMemorySeeding task = seeding.get(lease.jobId());
        if (before == null || before.status().finished() || task == null || !task.heldBy(lease)) {
            return false;
        }
        seeding.put(lease.jobId(), task.ended());
        CrawlJob admitted = urls.admit(before, found, now);
        save(before, finishIfDrained(JobCompletion.afterSeeding(admitted, error)), now);
        return true;
    }

    private CrawlJob finishIfDrained(CrawlJob job) {
        if (!JobCompletion.open(job)) {
            return job;
        }
        InMemorySeeding task = seeding.get(job.id());
        boolean drained = !urls.hasOpen(job.id()) && (task == null || !task.open());
        JobCompletion.FirstFailure first =
                drained && JobCompletion.endsFailed(job) ? urls.firstFailure(job.id()) : null;
        return JobCompletion.finishIfDrained(job, drained, first);
    }

    private CrawlJob save(CrawlJob before, CrawlJob after, Instant now) {
        if (after.equals(before)) {
            return before;
        }
        if (before.status() != after.status() && !before.status().canBecome(after.status())) {
            throw new IllegalStateException(
                    "Job " + before.id() + " cannot go from " + before.status() + " to " + after.status());
        }
        CrawlJob stamped = JobProgress.stamped(before, after, now);
        jobs.put(stamped.id(), stamped);
        emit(stamped.id(), JobEvents.changed(before, stamped));
        return stamped;
    }

    private void emit(String jobId, List<JobEvents.Emitted> emitted) {
        events.computeIfAbsent(jobId, id -> new ArrayList<>()).addAll(emitted);
    }
}
