package dev.gleaner.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The frontier rows of {@link InMemoryJobs}: one per URL key and job, in admission order ({@code seq}, shared by every
 * job as the SQL sequence is). Not thread-safe: {@link InMemoryJobs} calls it holding its lock.
 */
final class InMemoryUrls {
    /** One frontier row. */
    record Url(
            String jobId,
            FoundUrl found,
            long seq,
            UrlState state,
            @Nullable PageOutcome outcome,
            @Nullable String reason,
            @Nullable Integer httpStatus,
            int attempts,
            @Nullable String workerId,
            @Nullable Instant leaseExpiresAt,
            Instant notBefore,
            @Nullable String datasetId,
            Instant updatedAt) {

        Url moved(UrlState newState, @Nullable PageOutcome newOutcome, @Nullable String newReason, Instant now) {
            return new Url(
                    jobId,
                    found,
                    seq,
                    newState,
                    newOutcome,
                    newReason,
                    httpStatus,
                    attempts,
                    null,
                    null,
                    notBefore,
                    datasetId,
                    now);
        }

        Url with(@Nullable Integer status, @Nullable String dataset, Instant newNotBefore, int newAttempts) {
            return new Url(
                    jobId,
                    found,
                    seq,
                    state,
                    outcome,
                    reason,
                    status,
                    newAttempts,
                    workerId,
                    leaseExpiresAt,
                    newNotBefore,
                    dataset,
                    updatedAt);
        }

        Url leasedTo(String worker, Instant until, Instant now) {
            return new Url(
                    jobId,
                    found,
                    seq,
                    UrlState.LEASED,
                    outcome,
                    reason,
                    httpStatus,
                    attempts + 1,
                    worker,
                    until,
                    notBefore,
                    datasetId,
                    now);
        }

        boolean expired(Instant now) {
            return state == UrlState.LEASED && leaseExpiresAt != null && leaseExpiresAt.isBefore(now);
        }
    }

    private final Map<String, Map<String, Url>> byJob = new HashMap<>();
    private long nextSeq = 1;

    List<Url> of(String jobId) {
        return List.copyOf(byJob.getOrDefault(jobId, Map.of()).values());
    }

    /** Admits or records {@code found} for {@code job} as {@link AdmissionPolicy} decides; returns it counted. */
    CrawlJob admit(CrawlJob job, List<FoundUrl> found, Instant now) {
        Map<String, Url> rows = byJob.computeIfAbsent(job.id(), id -> new LinkedHashMap<>());
        Map<String, FoundUrl> unseen = AdmissionPolicy.byKey(found);
        unseen.keySet().removeAll(rows.keySet());
        CrawlJob counted = job;
        for (AdmissionPolicy.Decision decision : AdmissionPolicy.decide(job, unseen.values())) {
            rows.put(
                    decision.url().key(),
                    new Url(
                            job.id(),
                            decision.url(),
                            nextSeq++,
                            decision.state(),
                            decision.outcome(),
                            null,
                            null,
                            0,
                            null,
                            null,
                            Instant.EPOCH,
                            null,
                            now));
            counted = AdmissionPolicy.count(counted, decision);
        }
        return counted;
    }

    /** Leased URLs of live jobs whose lease expired with no attempt left, oldest admitted first. */
    List<Url> exhausted(Instant now, int maxAttempts, Predicate<String> liveJob) {
        return all().filter(url -> liveJob.test(url.jobId()))
                .filter(url -> url.expired(now) && url.attempts() >= maxAttempts)
                .toList();
    }

    /** What a claim hands out, as {@link Frontier#claim} describes it (pacing aside). */
    List<Url> claimable(Instant now, ClaimPolicy policy, int max, Predicate<String> liveJob) {
        Map<String, Long> live = new HashMap<>();
        all().filter(url -> url.state() == UrlState.LEASED && !url.expired(now))
                .forEach(url -> live.merge(url.found().host(), 1L, Long::sum));
        Map<String, Long> ranked = new HashMap<>();
        List<Url> claimed = new ArrayList<>();
        for (Url url : all().filter(url -> liveJob.test(url.jobId())).toList()) {
            boolean ready = (url.state() == UrlState.PENDING && !url.notBefore().isAfter(now))
                    || (url.expired(now) && url.attempts() < policy.maxAttempts());
            if (!ready || claimed.size() >= Math.max(0, max)) {
                continue;
            }
            long rank = ranked.merge(url.found().host(), 1L, Long::sum);
            boolean underCap = rank + live.getOrDefault(url.found().host(), 0L) <= policy.perServerLimit();
            boolean gapAllows = rank == 1 || policy.defaultGap().isZero();
            if (underCap && gapAllows) {
                claimed.add(url);
            }
        }
        return claimed;
    }

    Url lease(Url url, String workerId, Instant until, Instant now) {
        return put(url.leasedTo(workerId, until, now));
    }

    /** The row the lease still holds, if it does. */
    java.util.Optional<Url> held(Lease lease) {
        return java.util.Optional.ofNullable(
                        byJob.getOrDefault(lease.jobId(), Map.of()).get(lease.urlKey()))
                .filter(url -> url.state() == UrlState.LEASED
                        && lease.workerId().equals(url.workerId())
                        && url.attempts() == lease.attempt());
    }

    boolean renew(Lease lease, Instant until) {
        return held(lease)
                .map(url -> put(new Url(
                        url.jobId(),
                        url.found(),
                        url.seq(),
                        url.state(),
                        url.outcome(),
                        url.reason(),
                        url.httpStatus(),
                        url.attempts(),
                        url.workerId(),
                        until,
                        url.notBefore(),
                        url.datasetId(),
                        url.updatedAt())))
                .isPresent();
    }

    void done(
            Url url,
            PageOutcome outcome,
            @Nullable String reason,
            @Nullable Integer status,
            @Nullable String dataset,
            Instant now) {
        put(url.moved(UrlState.DONE, outcome, reason, now).with(status, dataset, url.notBefore(), url.attempts()));
    }

    void fail(Url url, PageOutcome outcome, @Nullable String reason, @Nullable Integer status, Instant now) {
        put(url.moved(UrlState.FAILED, outcome, reason, now).with(status, null, url.notBefore(), url.attempts()));
    }

    void retry(Url url, String reason, @Nullable Integer status, Instant notBefore, Instant now) {
        put(url.moved(UrlState.PENDING, url.outcome(), reason, now).with(status, null, notBefore, url.attempts()));
    }

    /** Back to pending, claimable at once: its dataset changed meanwhile (see {@link Frontier#complete}). */
    void requeue(Url url, String reason, Instant now) {
        put(url.moved(UrlState.PENDING, null, reason, now).with(url.httpStatus(), null, now, url.attempts()));
    }

    void cancelOpen(String jobId, Instant now) {
        for (Url url : of(jobId)) {
            if (url.state().isOpen()) {
                put(url.moved(UrlState.CANCELLED, PageOutcome.CANCELLED, url.reason(), now));
            }
        }
    }

    /** Returns the job's failed URLs to pending as if never tried; how many there were. */
    int requeueFailed(String jobId, Instant now) {
        int requeued = 0;
        for (Url url : of(jobId)) {
            if (url.state() == UrlState.FAILED) {
                put(url.moved(UrlState.PENDING, null, null, now).with(null, url.datasetId(), now, 0));
                requeued++;
            }
        }
        return requeued;
    }

    boolean hasOpen(String jobId) {
        return of(jobId).stream().anyMatch(url -> url.state().isOpen());
    }

    JobCompletion.@Nullable FirstFailure firstFailure(String jobId) {
        return of(jobId).stream()
                .filter(url -> url.state() == UrlState.FAILED)
                .min(Comparator.comparing(Url::updatedAt).thenComparingLong(Url::seq))
                .map(url -> new JobCompletion.FirstFailure(
                        url.found().url(), Objects.requireNonNull(url.outcome()), url.reason()))
                .orElse(null);
    }

    private java.util.stream.Stream<Url> all() {
        return byJob.values().stream()
                .flatMap(rows -> rows.values().stream())
                .sorted(Comparator.comparingLong(Url::seq));
    }

    private Url put(Url url) {
        byJob.computeIfAbsent(url.jobId(), id -> new LinkedHashMap<>())
                .put(url.found().key(), url);
        return url;
    }
}
