package dev.gleaner.jobs;

import static dev.gleaner.jobs.JobFixtures.T0;
import static dev.gleaner.jobs.JobFixtures.url;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Frontier} and {@link JobStore} pair must do, run on each implementation: the in-memory test double
 * ({@code InMemoryJobLifecycleTest}), SQLite and PostgreSQL ({@code SqliteJobLifecycleIT},
 * {@code PostgresJobLifecycleIT}). Each test gets empty stores with one knowledgebase owned by
 * {@link JobLifecycleSubject#ownerId}.
 */
public abstract class JobLifecycleContract {
    private static final ClaimPolicy POLICY = new ClaimPolicy(Duration.ofMinutes(5), 10, 3, Duration.ZERO);
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    private JobLifecycleSubject subject;

    /** New, empty stores for one test. */
    protected abstract JobLifecycleSubject open();

    @BeforeEach
    void openStores() {
        subject = open();
    }

    @Test
    void aJobCountsEachDistinctSeedOnceAndSkipsThoseOverItsLimit() {
        CrawlJob job = subject.create(
                2, List.of(url("a.test", "/1"), url("a.test", "/2"), url("a.test", "/2"), url("a.test", "/3")));

        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.total()).isEqualTo(2);
        assertThat(job.skipped()).isEqualTo(new Skipped(0, 0, 0, 1));
        assertThat(job.limitReached()).isTrue();
        assertThat(subject.find(job)).isEqualTo(job);
        assertThat(subject.outcomes(job))
                .containsExactly(PageOutcome.PENDING, PageOutcome.PENDING, PageOutcome.OVER_LIMIT);
    }

    @Test
    void aJobWithNothingToAdmitFailsAtOnceSayingWhy() {
        FoundUrl robots = new FoundUrl("https://a.test/x", "a.test/x", "a.test", 0, SkipReason.ROBOTS);

        CrawlJob job = subject.create(5, List.of(robots));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error()).isEqualTo("No URL could be admitted; first: https://a.test/x was skipped (robots)");
    }

    @Test
    void aClaimStartsTheJobAndHandsOutTheOldestUrlsFirst() {
        CrawlJob job = subject.create(10, JobFixtures.urls("a.test", 3));

        List<Lease> leases = subject.claim(2, T1, POLICY);

        assertThat(leases).extracting(Lease::urlKey).containsExactly("a.test/p0", "a.test/p1");
        assertThat(leases).extracting(Lease::attempt).containsOnly(1);
        CrawlJob running = subject.find(job);
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.updatedAt()).isEqualTo(T1);
        assertThat(subject.outcomes(job))
                .containsExactly(PageOutcome.PROCESSING, PageOutcome.PROCESSING, PageOutcome.PENDING);
    }

    @Test
    void aJobWhosePagesAreAllDoneCompletesAndAdmitsLinksUpToItsLimit() {
        CrawlJob job = subject.create(3, List.of(url("a.test", "/1")));
        Lease first = subject.claim(5, T1, POLICY).getFirst();
        FoundUrl outOfScope = new FoundUrl("https://b.test/", "b.test/", "b.test", 1, SkipReason.OUT_OF_SCOPE);

        subject.frontier()
                .complete(
                        first,
                        JobLifecycleSubject.settled(List.of(
                                url("a.test", "/1"),
                                url("a.test", "/2"),
                                url("a.test", "/3"),
                                url("a.test", "/4"),
                                outOfScope)),
                        T1);
        CrawlJob afterFirst = subject.find(job);
        List<Lease> rest = subject.claim(5, T2, POLICY);
        subject.frontier().complete(rest.get(0), JobLifecycleSubject.settled(List.of()), T2.plusSeconds(1));
        subject.frontier().complete(rest.get(1), JobLifecycleSubject.settled(List.of()), T2.plusSeconds(2));

        assertThat(afterFirst.total()).isEqualTo(3);
        assertThat(afterFirst.done()).isEqualTo(1);
        assertThat(afterFirst.skipped()).isEqualTo(new Skipped(0, 1, 0, 1));
        assertThat(afterFirst.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(rest).hasSize(2);
        CrawlJob done = subject.find(job);
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.done()).isEqualTo(3);
        assertThat(done.finishedAt()).isEqualTo(T2.plusSeconds(2));
        assertThat(done.error()).isNull();
    }

    @Test
    void aJobWhoseEveryPageFailedFailsNamingTheFirstFailure() {
        CrawlJob job = subject.create(10, JobFixtures.urls("a.test", 2));
        List<Lease> leases = subject.claim(2, T1, POLICY);

        subject.frontier().complete(leases.get(1), JobLifecycleSubject.notFound(leases.get(1)), T1);
        subject.frontier().complete(leases.get(0), new PageResult.Failed(PageOutcome.UNSUPPORTED, "Not text", 200), T2);

        CrawlJob failed = subject.find(job);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failed()).isEqualTo(2);
        assertThat(failed.error()).isEqualTo("Every admitted URL failed; first: HTTP 404 from https://a.test/p1");
        assertThat(subject.outcomes(job)).containsExactly(PageOutcome.UNSUPPORTED, PageOutcome.FAILED);
    }

    @Test
    void aCrawlThatAdmittedOnePageExplainsWhy() {
        CrawlJob job = subject.create(JobFixtures.spec(10), List.of(url("site-a.test", "/docs/")));
        Lease lease = subject.claim(1, T1, POLICY).getFirst();
        FoundUrl outOfScope = new FoundUrl("https://b.test/", "b.test/", "b.test", 1, SkipReason.OUT_OF_SCOPE);

        subject.frontier().complete(lease, JobLifecycleSubject.settled(List.of(outOfScope)), T1);

        assertThat(subject.find(job).error())
                .isEqualTo("Only 1 page(s) were admitted: 1 link(s) were out of scope (the crawl keeps to the seed's"
                        + " host and path; see crawlEntireDomain, allowSubdomains, includePaths/excludePaths).");
    }

    @Test
    void aRetriedPageGoesBackToPendingUntilItsTimeAndCountsNothing() {
        CrawlJob job = subject.create(10, List.of(url("a.test", "/1")));
        Lease lease = subject.claim(1, T1, POLICY).getFirst();

        subject.frontier().complete(lease, new PageResult.Retry("HTTP 503", 503, T0.plusSeconds(30)), T1);

        assertThat(subject.find(job).done() + subject.find(job).failed()).isZero();
        assertThat(subject.claim(1, T0.plusSeconds(29), POLICY)).isEmpty();
        assertThat(subject.claim(1, T0.plusSeconds(30), POLICY))
                .extracting(Lease::attempt)
                .containsExactly(2);
    }

    @Test
    void aLeaseTakenOverAfterItExpiredNoLongerCounts() {
        CrawlJob job = subject.create(10, List.of(url("a.test", "/1")));
        Lease old = subject.claim(1, T1, POLICY).getFirst();
        Instant later = old.expiresAt().plusSeconds(1);
        Lease taken = subject.frontier().claim("w2", 1, later, POLICY).getFirst();

        assertThat(subject.frontier().complete(old, JobLifecycleSubject.settled(List.of()), later))
                .isFalse();
        assertThat(subject.frontier().renew(old, later.plusSeconds(60))).isFalse();
        assertThat(subject.find(job).done()).isZero();
        assertThat(subject.frontier().complete(taken, JobLifecycleSubject.settled(List.of()), later))
                .isTrue();
        assertThat(subject.find(job).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void anExpiredLeaseWithNoAttemptLeftFailsTheUrl() {
        ClaimPolicy once = new ClaimPolicy(Duration.ofMinutes(5), 10, 1, Duration.ZERO);
        CrawlJob job = subject.create(10, List.of(url("a.test", "/1")));
        Lease lease = subject.claim(1, T1, once).getFirst();

        assertThat(subject.claim(1, lease.expiresAt().plusSeconds(1), once)).isEmpty();

        CrawlJob failed = subject.find(job);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error())
                .isEqualTo("Every admitted URL failed; first: The worker processing this URL stopped 1 times");
    }

    @Test
    void aCancelledJobEndsItsOpenUrlsAndStaysCancelled() {
        CrawlJob job = subject.create(10, JobFixtures.urls("a.test", 2));
        Lease lease = subject.claim(1, T1, POLICY).getFirst();

        CrawlJob cancelled =
                subject.jobs().cancel(subject.knowledgebaseId(), job.id(), T2).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(T2);
        assertThat(subject.outcomes(job)).containsExactly(PageOutcome.CANCELLED, PageOutcome.CANCELLED);
        assertThat(subject.frontier().complete(lease, JobLifecycleSubject.settled(List.of()), T2))
                .isFalse();
        assertThat(subject.jobs().cancel(subject.knowledgebaseId(), job.id(), T2.plusSeconds(1)))
                .contains(cancelled);
        assertThat(subject.jobs().retry(subject.knowledgebaseId(), job.id(), T2.plusSeconds(1)))
                .contains(cancelled);
    }

    @Test
    void aRetryRequeuesTheFailedUrlsAndRunsTheJobAgain() {
        CrawlJob job = subject.create(10, JobFixtures.urls("a.test", 2));
        List<Lease> leases = subject.claim(2, T1, POLICY);
        subject.frontier().complete(leases.get(0), JobLifecycleSubject.settled(List.of()), T1);
        subject.frontier().complete(leases.get(1), JobLifecycleSubject.notFound(leases.get(1)), T1);
        assertThat(subject.find(job).status()).isEqualTo(JobStatus.COMPLETED);

        CrawlJob retried =
                subject.jobs().retry(subject.knowledgebaseId(), job.id(), T2).orElseThrow();
        Lease again = subject.claim(2, T2, POLICY).getFirst();
        subject.frontier().complete(again, JobLifecycleSubject.settled(List.of()), T2);

        assertThat(retried.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(retried.failed()).isZero();
        assertThat(retried.finishedAt()).isNull();
        assertThat(again.attempt()).isEqualTo(1);
        CrawlJob done = subject.find(job);
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.done()).isEqualTo(2);
    }

    @Test
    void theOutcomeFilterKeepsOnlyUrlsWithThatOutcome() {
        CrawlJob job = subject.create(10, JobFixtures.urls("a.test", 3));
        List<Lease> leases = subject.claim(2, T1, POLICY);
        subject.frontier().complete(leases.get(0), JobLifecycleSubject.notFound(leases.get(0)), T1);
        subject.frontier().complete(leases.get(1), JobLifecycleSubject.settled(List.of()), T1);

        PageListing failed = subject.jobs()
                .pages(subject.knowledgebaseId(), job.id(), PageOutcome.FAILED, 10, null)
                .orElseThrow();
        PageListing firstPage = subject.jobs()
                .pages(subject.knowledgebaseId(), job.id(), null, 2, null)
                .orElseThrow();

        assertThat(failed.pages()).extracting(PageRecord::url).containsExactly("https://a.test/p0");
        assertThat(failed.pages().getFirst().reason()).isEqualTo("HTTP 404 from https://a.test/p0");
        assertThat(failed.pages().getFirst().httpStatus()).isEqualTo(404);
        assertThat(firstPage.pages()).hasSize(2);
        assertThat(firstPage.nextCursor()).isNotNull();
        assertThat(subject.jobs()
                        .pages(subject.knowledgebaseId(), job.id(), null, 2, firstPage.nextCursor())
                        .orElseThrow()
                        .pages())
                .extracting(PageRecord::outcome)
                .containsExactly(PageOutcome.PENDING);
    }

    @Test
    void anOwnerMayNotHaveMoreUnfinishedJobsThanTheLimit() {
        CrawlJob first = subject.queued(JobFixtures.spec(5));
        CrawlJob second = subject.queued(JobFixtures.spec(5));
        List<FoundUrl> seeds = List.of(url("site-a.test", "/docs/"));

        assertThat(subject.jobs().createWithin(first, seeds, subject.ownerId(), 1))
                .isPresent();
        assertThat(subject.jobs().createWithin(second, seeds, subject.ownerId(), 1))
                .isEmpty();
        assertThat(subject.jobs().createWithin(second, seeds, subject.ownerId(), 0))
                .isPresent();

        assertThat(subject.jobs().unfinishedOf(subject.ownerId())).isEqualTo(2);
        assertThat(subject.jobs().list(subject.knowledgebaseId())).hasSize(2);
    }

    @Test
    void aSitemapJobWaitsForItsSeedingAndImportsWhatItFound() {
        CrawlJob job = subject.create(JobFixtures.sitemapSpec(), List.of());
        SeedingLease seeding = subject.frontier()
                .claimSeeding("w1", 5, T1, Duration.ofMinutes(1))
                .getFirst();

        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(subject.frontier().claimSeeding("w2", 5, T1, Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(subject.frontier().seeded(seeding, JobFixtures.urls("a.test", 2), null, T2))
                .isTrue();
        assertThat(subject.frontier().seeded(seeding, JobFixtures.urls("a.test", 2), null, T2))
                .isFalse();
        CrawlJob seeded = subject.find(job);
        assertThat(seeded.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(seeded.total()).isEqualTo(2);
        subject.claim(5, T2, POLICY)
                .forEach(lease -> subject.frontier().complete(lease, JobLifecycleSubject.settled(List.of()), T2));
        assertThat(subject.find(job).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void aSitemapJobWhoseSeedingFoundNothingFails() {
        CrawlJob job = subject.create(JobFixtures.sitemapSpec(), List.of());
        SeedingLease seeding = subject.frontier()
                .claimSeeding("w1", 5, T1, Duration.ofMinutes(1))
                .getFirst();

        subject.frontier().seeded(seeding, List.of(), null, T2);

        CrawlJob failed = subject.find(job);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo(JobCompletion.NOTHING_FOUND);
    }
}
