package dev.gleaner.jobs;

import static dev.gleaner.jobs.JobFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.crawl.UrlNormalizer;
import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.limits.UsageKind;
import dev.gleaner.limits.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link JobService} on the in-memory stores, without the application. */
class JobServiceTest {
    private static final Knowledgebase KB =
            new Knowledgebase("kb_1", "proj_1", "Docs", "lucene", "all-minilm-l6-v2", 400, 40, T0, T0, 0, 0);
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private final InMemoryJobs stores = new InMemoryJobs();
    private final UsageCounters usage = new UsageCounters();
    private final AtomicInteger wakes = new AtomicInteger();

    /** The per-owner usage counters in memory. */
    private static final class UsageCounters implements UsageStore {
        private final Map<String, Long> totals = new HashMap<>();

        private static String key(String ownerId, UsageKind kind, long epochDay) {
            return ownerId + " " + kind + " " + epochDay;
        }

        @Override
        public synchronized Usage add(String ownerId, UsageKind kind, long epochDay, long amount, long max) {
            long total = totals.getOrDefault(key(ownerId, kind, epochDay), 0L);
            if (total + amount > max) {
                return new Usage(false, total);
            }
            totals.put(key(ownerId, kind, epochDay), total + amount);
            return new Usage(true, total + amount);
        }

        @Override
        public synchronized void subtract(String ownerId, UsageKind kind, long epochDay, long amount) {
            totals.merge(key(ownerId, kind, epochDay), -amount, (a, b) -> Math.max(0, a + b));
        }

        @Override
        public synchronized long used(String ownerId, UsageKind kind, long epochDay) {
            return totals.getOrDefault(key(ownerId, kind, epochDay), 0L);
        }

        @Override
        public int deleteBefore(long epochDay) {
            return 0;
        }

        @Override
        public Optional<String> ownerOfProject(String projectId) {
            return Optional.of("owner_1");
        }
    }

    private JobService service(int maxUnfinished, long pagesPerDay) {
        AbuseLimits limits = AbuseLimits.NONE.withOwnerLimits(0, maxUnfinished, pagesPerDay, 0);
        DailyQuotas quotas = new DailyQuotas(usage, limits, CLOCK);
        return new JobService(stores, new UrlNormalizer(), CLOCK, wakes::incrementAndGet, quotas, maxUnfinished);
    }

    private static CrawlSpec batch() {
        return JobFixtures.spec(JobMode.BATCH, 10);
    }

    @Test
    void aBatchStartsWithItsValidDistinctUrlsAndWakesTheWorkers() {
        JobService.Started started = service(0, 0)
                .start(
                        "owner_1",
                        KB,
                        batch(),
                        List.of("https://a.test/1", "https://a.test/1#top", "ftp://a.test/2", "https://a.test/3"));

        assertThat(started.invalidUrls()).containsExactly("ftp://a.test/2");
        assertThat(started.job().total()).isEqualTo(2);
        assertThat(started.job().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(started.job().startedAt()).isEqualTo(T0);
        assertThat(wakes).hasValue(1);
        assertThat(stores.events(started.job().id()))
                .extracting(JobEvents.Emitted::event)
                .containsExactly(WebhookEvent.STARTED);
    }

    @Test
    void aBatchWithoutAValidUrlIsABadRequestNamingTheField() {
        assertThatThrownBy(() -> service(0, 0).start("owner_1", KB, batch(), List.of("not a url")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.details()).containsOnlyKeys("urls");
                });
        assertThat(stores.list(KB.id())).isEmpty();
        assertThat(wakes).hasValue(0);
    }

    @Test
    void anOwnerAtTheUnfinishedJobsLimitIsToldToWait() {
        JobService service = service(1, 0);
        service.start("owner_1", KB, batch(), List.of("https://a.test/1"));

        assertThatThrownBy(() -> service.start("owner_1", KB, batch(), List.of("https://a.test/2")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                });
        assertThat(stores.list(KB.id())).hasSize(1);
    }

    @Test
    void anOwnerWithoutPagesLeftTodayCannotStartAJob() {
        usage.add(
                "owner_1",
                UsageKind.PAGES,
                T0.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay(),
                5,
                5);

        assertThatThrownBy(() -> service(0, 5).start("owner_1", KB, batch(), List.of("https://a.test/1")))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(stores.list(KB.id())).isEmpty();
    }

    @Test
    void onlyAnUnfinishedJobCanBeCancelledAndOnlyAFinishedOneRetried() {
        JobService service = service(0, 0);
        CrawlJob job = service.start("owner_1", KB, batch(), List.of("https://a.test/1"))
                .job();

        assertThatThrownBy(() -> service.retry("owner_1", KB, job.id()))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(service.cancel(KB, job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> service.cancel(KB, job.id())).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.details()).containsEntry("status", "cancelled");
        });
        assertThatThrownBy(() -> service.get(KB, "job_unknown"))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aFailedJobIsRetriedAndTheWorkersWoken() {
        JobService service = service(0, 0);
        CrawlJob job = service.start("owner_1", KB, batch(), List.of("https://a.test/1"))
                .job();
        Lease lease = stores.claim("w1", 1, T0, new ClaimPolicy(Duration.ofMinutes(1), 5, 3, Duration.ZERO))
                .getFirst();
        stores.complete(lease, new PageResult.Failed(PageOutcome.FAILED, "HTTP 404", 404), T0);

        CrawlJob retried = service.retry("owner_1", KB, job.id());

        assertThat(retried.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(retried.failed()).isZero();
        assertThat(wakes).hasValue(2);
    }

    @Test
    void thePagesListingTakesOnlyKnownOutcomesAndItsOwnCursors() {
        JobService service = service(0, 0);
        CrawlJob job = service.start("owner_1", KB, batch(), List.of("https://a.test/1"))
                .job();

        assertThat(service.pages(KB, job.id(), "pending", 10, null).pages())
                .extracting(PageRecord::outcome)
                .containsExactly(PageOutcome.PENDING);
        assertThatThrownBy(() -> service.pages(KB, job.id(), "exploded", 10, null))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.details().get("outcome"))
                                .isEqualTo("must be one of: " + String.join(", ", JobService.PAGE_OUTCOMES)));
        assertThatThrownBy(() -> service.pages(KB, job.id(), null, 10, "not-a-cursor"))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.details()).containsOnlyKeys("cursor"));
        assertThatThrownBy(() -> service.pages(KB, job.id(), null, 0, null))
                .isInstanceOfSatisfying(
                        ServiceException.class, e -> assertThat(e.details()).containsOnlyKeys("limit"));
    }
}
