package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The rule of removed pages, without a database: which syncs remove, and which datasets they keep. */
class SyncRemovalTest {
    private static final Instant T0 = JobFixtures.T0;
    private static final SyncRemoval.SyncEnd CLEAN = new SyncRemoval.SyncEnd(false, true);

    @Test
    void onlyACompleteSyncWithinItsLimitWithItsSitemapsReadAndASeedDoneRemoves() {
        CrawlJob sync = completed(JobFixtures.spec(10).withSourceId("src_1"));

        assertThat(SyncRemoval.applies(sync, CLEAN)).isTrue();
        assertThat(SyncRemoval.applies(completed(JobFixtures.spec(10)), CLEAN))
                .as("a one-off crawl")
                .isFalse();
        assertThat(SyncRemoval.applies(sync.withSkipped(sync.skipped(), true), CLEAN))
                .as("limit reached")
                .isFalse();
        assertThat(SyncRemoval.applies(sync.withEnd(JobStatus.CANCELLED, null, T0), CLEAN))
                .as("cancelled")
                .isFalse();
        assertThat(SyncRemoval.applies(sync.withEnd(JobStatus.FAILED, "all failed", T0), CLEAN))
                .as("failed")
                .isFalse();
        assertThat(SyncRemoval.applies(sync, new SyncRemoval.SyncEnd(true, true)))
                .as("a sitemap could not be read")
                .isFalse();
        assertThat(SyncRemoval.applies(sync, new SyncRemoval.SyncEnd(false, false)))
                .as("no seed done")
                .isFalse();
    }

    @Test
    void aDatasetWhoseRowHoldsItsIdIsSeenAgain() {
        assertThat(SyncRemoval.seenAgain(candidate(true, null))).isTrue();
        assertThat(SyncRemoval.seenAgain(candidate(false, null)))
                .as("no row for its URL: no longer linked or listed")
                .isFalse();
    }

    @Test
    void aTransientFailureKeepsTheDatasetAndA404Or410RemovesIt() {
        assertThat(kept(UrlState.FAILED, PageOutcome.FAILED, 503)).isTrue();
        assertThat(kept(UrlState.FAILED, PageOutcome.FAILED, 429)).isTrue();
        assertThat(kept(UrlState.FAILED, PageOutcome.FAILED, null))
                .as("network error, blocked")
                .isTrue();
        assertThat(kept(UrlState.FAILED, PageOutcome.FAILED, 403)).isTrue();
        assertThat(kept(UrlState.FAILED, PageOutcome.FAILED, 404)).isFalse();
        assertThat(kept(UrlState.FAILED, PageOutcome.FAILED, 410)).isFalse();
    }

    @Test
    void robotsUnsupportedAndEmptyKeepWhileNoindexDuplicateOutOfScopeAndAnotherDatasetRemove() {
        assertThat(kept(UrlState.FAILED, PageOutcome.ROBOTS, null)).isTrue();
        assertThat(kept(UrlState.SKIPPED, PageOutcome.ROBOTS, null)).isTrue();
        assertThat(kept(UrlState.FAILED, PageOutcome.UNSUPPORTED, 200)).isTrue();
        assertThat(kept(UrlState.DONE, PageOutcome.EMPTY, 200)).isTrue();
        assertThat(kept(UrlState.DONE, PageOutcome.NOINDEX, 200)).isFalse();
        assertThat(kept(UrlState.DONE, PageOutcome.DUPLICATE, 200)).isFalse();
        assertThat(kept(UrlState.FAILED, PageOutcome.OUT_OF_SCOPE, 200)).isFalse();
        assertThat(kept(UrlState.SKIPPED, PageOutcome.OUT_OF_SCOPE, null)).isFalse();
        assertThat(kept(UrlState.DONE, PageOutcome.INGESTED, 200))
                .as("its URL was stored as another dataset: it redirects elsewhere now")
                .isFalse();
    }

    @Test
    void withoutGraceWhatWasNotSeenIsDeletedAndWithGraceMarkedOnce() {
        SyncRemoval.Candidate seen = candidate(true, null);
        SyncRemoval.Candidate gone = candidate(false, null);
        SyncRemoval.Candidate marked = new SyncRemoval.Candidate("dataset_m", "https://a.test/m", T0, false, null);
        SyncRemoval.Candidate markedSeen = new SyncRemoval.Candidate("dataset_s", "https://a.test/s", T0, true, null);

        assertThat(SyncRemoval.decide(List.of(seen, gone), Duration.ZERO))
                .extracting(SyncRemoval.Decision::action)
                .containsExactly(SyncRemoval.Action.KEEP, SyncRemoval.Action.DELETE);
        assertThat(SyncRemoval.decide(List.of(seen, gone, marked, markedSeen), Duration.ofDays(1)))
                .extracting(SyncRemoval.Decision::action)
                .containsExactly(
                        SyncRemoval.Action.KEEP,
                        SyncRemoval.Action.MARK,
                        SyncRemoval.Action.LEAVE_MARKED,
                        SyncRemoval.Action.KEEP);
        assertThat(SyncRemoval.decide(List.of(marked), Duration.ofDays(1))
                        .getFirst()
                        .reported())
                .as("reported by the sync that marked it, not again")
                .isFalse();
    }

    @Test
    void theReasonNamesWhatTheSyncFoundAndWhatBecameOfTheDataset() {
        SyncRemoval.Candidate notFound = new SyncRemoval.Candidate(
                "dataset_1",
                "https://a.test/c",
                null,
                false,
                new SyncRemoval.UrlSighting(UrlState.FAILED, PageOutcome.FAILED, 404));
        SyncRemoval.Decision deleted = new SyncRemoval.Decision(notFound, SyncRemoval.Action.DELETE);
        SyncRemoval.Decision marked = new SyncRemoval.Decision(candidate(false, null), SyncRemoval.Action.MARK);

        assertThat(SyncRemoval.reason(deleted, Duration.ZERO, T0))
                .isEqualTo("This complete sync of its source found the page failed (HTTP 404); the dataset was"
                        + " deleted");
        assertThat(SyncRemoval.reason(marked, Duration.ofHours(1), T0))
                .isEqualTo("This complete sync of its source no longer found the page (not linked or listed); the"
                        + " dataset is left out of query results and deleted when the grace period ends, at"
                        + " 2026-03-01T11:00:00Z, unless a sync finds the page again");
    }

    @Test
    void theChangeReportCountsStoredUpdatedUnchangedAndRemovedButNotOtherOutcomes() {
        CrawlJob job = JobFixtures.job(10, T0).withCounts(5, 0, 0);
        for (PageOutcome outcome :
                List.of(PageOutcome.INGESTED, PageOutcome.UPDATED, PageOutcome.UNCHANGED, PageOutcome.NOINDEX)) {
            job = JobProgress.counted(job, outcome);
        }
        job = JobProgress.failed(job);
        job = JobProgress.removed(job);

        assertThat(job.changes()).isEqualTo(new Changes(1, 1, 1, 1));
        assertThat(List.of(job.total(), job.done(), job.failed())).containsExactly(5L, 4L, 1L);
    }

    private static boolean kept(UrlState state, PageOutcome outcome, @Nullable Integer status) {
        return SyncRemoval.seenAgain(candidate(false, new SyncRemoval.UrlSighting(state, outcome, status)));
    }

    private static SyncRemoval.Candidate candidate(boolean seenById, SyncRemoval.@Nullable UrlSighting byUrl) {
        return new SyncRemoval.Candidate("dataset_1", "https://a.test/x", null, seenById, byUrl);
    }

    private static CrawlJob completed(CrawlSpec spec) {
        return CrawlJob.queued("job_1", "proj_1", "kb_1", spec, T0).withEnd(JobStatus.COMPLETED, null, T0);
    }
}
