package dev.gleaner.jobs;

import static dev.gleaner.jobs.JobFixtures.T0;
import static dev.gleaner.jobs.JobFixtures.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.StoredFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pure rules of the job core, one value in, one value out. */
class JobRulesTest {
    private static final Lease LEASE = new Lease(
            "job_1",
            "proj_1",
            "kb_1",
            "a.test/1",
            "https://a.test/1",
            0,
            1,
            "w1",
            T0,
            JobFixtures.spec(10),
            400,
            40,
            "all-minilm-l6-v2");

    private static CrawlJob running(long total, long done, long failed) {
        return JobFixtures.job(10, T0).withStatus(JobStatus.RUNNING).withCounts(total, done, failed);
    }

    @ParameterizedTest
    @EnumSource(PageOutcome.class)
    void everyOutcomeReadsBackFromItsWireName(PageOutcome outcome) {
        assertThat(PageOutcome.fromWire(outcome.wire())).isEqualTo(outcome);
    }

    @Test
    void theListedOutcomesAreTheOnesTheApiAlwaysListed() {
        assertThat(JobService.PAGE_OUTCOMES)
                .containsExactly(
                        "ingested",
                        "updated",
                        "unchanged",
                        "duplicate",
                        "noindex",
                        "empty",
                        "failed",
                        "unsupported",
                        "cancelled",
                        "robots",
                        "outOfScope",
                        "overLimit",
                        "removed",
                        "pending",
                        "processing");
        assertThatThrownBy(() -> PageOutcome.fromWire("exploded")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachOutcomeCountsWhereTheJobCountersSayItDoes() {
        assertThat(PageOutcome.NOINDEX.counter()).isEqualTo(PageOutcome.Counter.DONE);
        assertThat(PageOutcome.ROBOTS.counter()).isEqualTo(PageOutcome.Counter.FAILED);
        assertThat(PageOutcome.OVER_LIMIT.counter()).isEqualTo(PageOutcome.Counter.SKIPPED);
        assertThat(PageOutcome.CANCELLED.counter()).isEqualTo(PageOutcome.Counter.NONE);
        assertThat(UrlState.after(PageOutcome.UNSUPPORTED)).isEqualTo(UrlState.FAILED);
        assertThat(UrlState.after(PageOutcome.CANCELLED)).isEqualTo(UrlState.CANCELLED);
        assertThatThrownBy(() -> UrlState.after(PageOutcome.PENDING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageResult.Failed(PageOutcome.NOINDEX, "x", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageResult.Settled(PageOutcome.INGESTED, "x", null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJobMovesOnlyAlongItsLifecycle() {
        assertThat(JobStatus.QUEUED.canBecome(JobStatus.RUNNING)).isTrue();
        assertThat(JobStatus.QUEUED.canBecome(JobStatus.FAILED)).isTrue();
        assertThat(JobStatus.RUNNING.canBecome(JobStatus.QUEUED)).isFalse();
        assertThat(JobStatus.RUNNING.canBecome(JobStatus.COMPLETED)).isTrue();
        assertThat(JobStatus.COMPLETED.canBecome(JobStatus.RUNNING)).isTrue();
        assertThat(JobStatus.FAILED.canBecome(JobStatus.COMPLETED)).isFalse();
        for (JobStatus next : JobStatus.values()) {
            assertThat(JobStatus.CANCELLED.canBecome(next))
                    .as("cancelled → " + next)
                    .isFalse();
        }
        CrawlJob cancelled = JobProgress.finished(running(1, 0, 0), JobStatus.CANCELLED, null);
        assertThatThrownBy(() -> JobProgress.retried(cancelled, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void webhookEventsKeepTheirNames() {
        assertThat(WebhookTarget.EVENTS)
                .containsExactly("crawl.started", "crawl.page", "crawl.completed", "crawl.failed", "crawl.cancelled");
        assertThat(WebhookEvent.terminal(JobStatus.CANCELLED)).isEqualTo(WebhookEvent.CANCELLED);
        assertThat(WebhookEvent.fromWire("crawl.page")).contains(WebhookEvent.PAGE);
        assertThatThrownBy(() -> WebhookEvent.terminal(JobStatus.RUNNING)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urlsAreAdmittedWhileTheLimitAllowsAndSkippedAfterIt() {
        CrawlJob job = JobFixtures.job(2, T0).withCounts(1, 0, 0);
        FoundUrl robots = new FoundUrl("https://a.test/r", "a.test/r", "a.test", 1, SkipReason.ROBOTS);

        List<AdmissionPolicy.Decision> decisions =
                AdmissionPolicy.decide(job, List.of(url("a.test", "/1"), robots, url("a.test", "/2")));
        CrawlJob counted = job;
        for (AdmissionPolicy.Decision decision : decisions) {
            counted = AdmissionPolicy.count(counted, decision);
        }

        assertThat(decisions)
                .extracting(AdmissionPolicy.Decision::state)
                .containsExactly(UrlState.PENDING, UrlState.SKIPPED, UrlState.SKIPPED);
        assertThat(decisions)
                .extracting(AdmissionPolicy.Decision::outcome)
                .containsExactly(null, PageOutcome.ROBOTS, PageOutcome.OVER_LIMIT);
        assertThat(counted.total()).isEqualTo(2);
        assertThat(counted.skipped()).isEqualTo(new Skipped(1, 0, 0, 1));
        assertThat(counted.limitReached()).isTrue();
        assertThat(AdmissionPolicy.byKey(List.of(url("a.test", "/1"), url("a.test", "/1"))))
                .hasSize(1);
    }

    @Test
    void theUnfinishedJobsLimitIsAskedOnlyWhenThereIsOne() {
        assertThat(AdmissionPolicy.admitsAnother(0, () -> {
                    throw new AssertionError("counted without a limit");
                }))
                .isTrue();
        assertThat(AdmissionPolicy.admitsAnother(2, () -> 1)).isTrue();
        assertThat(AdmissionPolicy.admitsAnother(2, () -> 2)).isFalse();
    }

    @Test
    void aJobWithNothingAdmittedFailsUnlessItsSeedingMayFindMore() {
        CrawlJob fresh = JobFixtures.job(10, T0);
        FoundUrl robots = new FoundUrl("https://a.test/r", "a.test/r", "a.test", 0, SkipReason.ROBOTS);

        assertThat(AdmissionPolicy.created(fresh, true, List.of())).isEqualTo(fresh);
        assertThat(AdmissionPolicy.created(fresh, false, List.of()).error())
                .isEqualTo("No URL could be admitted: the job has no seed URL");
        assertThat(AdmissionPolicy.created(fresh, false, List.of(robots)).error())
                .isEqualTo("No URL could be admitted; first: https://a.test/r was skipped (robots)");
    }

    @Test
    void aDrainedJobCompletesOrFailsAndAnUndrainedOneGoesOn() {
        CrawlJob open = running(2, 1, 0);
        CrawlJob allFailed = running(2, 0, 2);
        JobCompletion.FirstFailure first =
                new JobCompletion.FirstFailure("https://a.test/1", PageOutcome.UNSUPPORTED, null);

        assertThat(JobCompletion.finishIfDrained(open, false, null)).isEqualTo(open);
        assertThat(JobCompletion.finishIfDrained(running(2, 1, 1), true, null).status())
                .isEqualTo(JobStatus.COMPLETED);
        assertThat(JobCompletion.endsFailed(allFailed)).isTrue();
        CrawlJob failed = JobCompletion.finishIfDrained(allFailed, true, first);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Every admitted URL failed; first: https://a.test/1 (unsupported)");
        assertThat(failed.finishedAt()).isEqualTo(T0);
        assertThat(JobCompletion.finishIfDrained(failed, true, null)).isEqualTo(failed);
    }

    @Test
    void seedingThatFoundNothingFailsTheJob() {
        CrawlJob fresh = JobFixtures.job(10, T0).withStatus(JobStatus.RUNNING);

        assertThat(JobCompletion.afterSeeding(fresh, null).error()).isEqualTo(JobCompletion.NOTHING_FOUND);
        assertThat(JobCompletion.afterSeeding(fresh, "No sitemap").error()).isEqualTo("No sitemap");
        assertThat(JobCompletion.afterSeeding(fresh.withCounts(1, 0, 0), null).status())
                .isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void aCrawlEndingWithOnePageSaysWhatKeptTheOthersOut() {
        CrawlJob job = running(1, 1, 0).withSkipped(new Skipped(2, 0, 0, 0), false);

        assertThat(JobCompletion.fewPagesExplanation(job))
                .isEqualTo("Only 1 page(s) were admitted: 2 disallowed by robots.txt.");
        assertThat(JobCompletion.fewPagesExplanation(running(2, 2, 0).withSkipped(new Skipped(2, 0, 0, 0), false)))
                .isNull();
    }

    @Test
    void eachPageResultCountsAsItsOutcomeSays() {
        CrawlJob job = running(3, 0, 0);
        Dataset dataset = Dataset.builder()
                .id("dataset_1")
                .knowledgebaseId("kb_1")
                .filename("page.html")
                .fileUrl("https://a.test/1")
                .extensionType("html")
                .createdAt(T0)
                .updatedAt(T0)
                .build();
        PageResult ingested = new PageResult.Ingested(
                dataset, "a.test/1", List.of(), new StoredFile("text/html", new byte[0]), 200, List.of());

        assertThat(JobProgress.apply(job, ingested).done()).isEqualTo(1);
        assertThat(JobProgress.apply(job, new PageResult.Settled(PageOutcome.EMPTY, "empty", 200, List.of()))
                        .done())
                .isEqualTo(1);
        assertThat(JobProgress.apply(job, new PageResult.Failed(PageOutcome.ROBOTS, "robots", null))
                        .failed())
                .isEqualTo(1);
        assertThat(JobProgress.apply(job, new PageResult.Retry("503", 503, T0))).isEqualTo(job);
        assertThat(JobEvents.report("https://a.test/1", ingested))
                .contains(new PageReport("https://a.test/1", PageOutcome.INGESTED, null, 200, "dataset_1"));
        assertThatThrownBy(() -> Dataset.builder().id("d").build())
                .hasMessageContaining("knowledgebaseId, filename, fileUrl, extensionType, createdAt, updatedAt");
    }

    @Test
    void aChangeEmitsAStartOrAnEndAndAFinishedPageItsPageEvent() {
        CrawlJob queued = JobFixtures.job(10, T0);
        CrawlJob before = running(2, 0, 0);
        CrawlJob after = JobProgress.apply(before, new PageResult.Failed(PageOutcome.FAILED, "HTTP 404", 404));
        CrawlJob completed = JobProgress.finished(after.withCounts(2, 1, 1), JobStatus.COMPLETED, null);
        CrawlJob failedAtOnce = JobProgress.finished(queued, JobStatus.FAILED, "nothing");

        assertThat(JobEvents.created(queued, queued))
                .extracting(JobEvents.Emitted::event)
                .containsExactly(WebhookEvent.STARTED);
        assertThat(JobEvents.created(queued, failedAtOnce))
                .extracting(JobEvents.Emitted::event, JobEvents.Emitted::job)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(WebhookEvent.STARTED, queued),
                        org.assertj.core.groups.Tuple.tuple(WebhookEvent.FAILED, failedAtOnce));
        assertThat(JobEvents.changed(before, completed))
                .extracting(JobEvents.Emitted::event)
                .containsExactly(WebhookEvent.COMPLETED);
        assertThat(JobEvents.changed(completed, JobProgress.retried(completed, 1)))
                .extracting(JobEvents.Emitted::event)
                .containsExactly(WebhookEvent.STARTED);
        assertThat(JobEvents.changed(before, after)).isEmpty();
        assertThat(JobEvents.pageFinished(
                        before, after, LEASE, new PageResult.Failed(PageOutcome.FAILED, "HTTP 404", 404)))
                .hasValueSatisfying(page -> assertThat(page.page())
                        .isEqualTo(new PageReport("https://a.test/1", PageOutcome.FAILED, "HTTP 404", 404, null)));
        assertThat(JobEvents.pageFinished(before, before, LEASE, new PageResult.Retry("503", 503, T0)))
                .isEmpty();
    }

    @Test
    void onlyTheEventsAJobsWebhookWantsAreDelivered() {
        WebhookTarget target = new WebhookTarget("https://hooks.test/in", Map.of(), List.of("crawl.completed"));
        CrawlSpec spec = JobFixtures.spec(10);
        CrawlSpec withWebhook = new CrawlSpec(
                spec.mode(),
                spec.url(),
                spec.limit(),
                spec.maxDepth(),
                spec.includePaths(),
                spec.excludePaths(),
                spec.allowSubdomains(),
                spec.crawlEntireDomain(),
                spec.sitemap(),
                spec.ignoreQueryParameters(),
                target);
        CrawlJob job = CrawlJob.queued("job_1", "proj_1", "kb_1", withWebhook, T0);

        assertThat(JobEvents.delivered(new JobEvents.Emitted(WebhookEvent.COMPLETED, job, null)))
                .isTrue();
        assertThat(JobEvents.delivered(new JobEvents.Emitted(WebhookEvent.STARTED, job, null)))
                .isFalse();
        assertThat(JobEvents.delivered(new JobEvents.Emitted(WebhookEvent.COMPLETED, JobFixtures.job(1, T0), null)))
                .isFalse();
    }

    @Test
    void aChangeIsStampedForwardEvenWhenTheClockLags() {
        CrawlJob before = JobFixtures.job(10, T0);
        Instant lagging = T0.minus(Duration.ofSeconds(3));

        assertThat(JobProgress.stamped(before, JobProgress.admitted(before), lagging)
                        .updatedAt())
                .isEqualTo(T0.plusMillis(1));
    }
}
