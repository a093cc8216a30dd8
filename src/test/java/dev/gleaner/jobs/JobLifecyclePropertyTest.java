package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.Ids;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.StoredFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Random sequences of job starts, claims, completions (ingested, settled, failed, retried), cancels, retries of failed
 * URLs, lease renewals and lease expiries on the in-memory stores, which apply the same pure rules as the SQL ones.
 * After every step each job must keep the invariants of {@link CrawlJob}, stay within its limit, count exactly the URLs
 * it holds, record a
 * URL at most once per run, and have emitted exactly one terminal event per run.
 */
class JobLifecyclePropertyTest {
    private static final ClaimPolicy POLICY = new ClaimPolicy(Duration.ofMinutes(5), 2, 3, Duration.ZERO);
    private static final int KEYS = 8;

    sealed interface Step {}

    record Start(int seeds, int limit) implements Step {}

    record Claim(int worker, int max) implements Step {}

    record Complete(int lease, Ending ending, int links) implements Step {}

    record Cancel(int job) implements Step {}

    record RetryFailed(int job) implements Step {}

    record Renew(int lease) implements Step {}

    record Advance(int seconds) implements Step {}

    enum Ending {
        INGESTED,
        SETTLED,
        FAILED,
        UNSUPPORTED,
        RETRY
    }

    @Property(tries = 2_000)
    void everyStepKeepsTheJobInvariants(@ForAll("steps") List<Step> steps) {
        Run run = new Run();
        run.apply(new Start(3, 4));
        for (Step step : steps) {
            run.apply(step);
            run.check(step);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> start = Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(1, 6))
                .as(Start::new);
        Arbitrary<Step> claim = Combinators.combine(
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(1, 4))
                .as(Claim::new);
        Arbitrary<Step> complete = Combinators.combine(
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.of(Ending.class),
                        Arbitraries.integers().between(0, 3))
                .as(Complete::new);
        Arbitrary<Step> cancel = Arbitraries.integers().between(0, 3).map(Cancel::new);
        Arbitrary<Step> retry = Arbitraries.integers().between(0, 3).map(RetryFailed::new);
        Arbitrary<Step> renew = Arbitraries.integers().between(0, 7).map(Renew::new);
        Arbitrary<Step> advance = Arbitraries.integers().between(1, 400).map(Advance::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(2, start),
                        Tuple.of(6, claim),
                        Tuple.of(8, complete),
                        Tuple.of(1, cancel),
                        Tuple.of(2, retry),
                        Tuple.of(1, renew),
                        Tuple.of(2, advance))
                .list()
                .ofMinSize(1)
                .ofMaxSize(60);
    }

    /** One random history: the stores, the clock, the jobs started and the leases handed out. */
    private static final class Run {
        private final InMemoryJobs stores = new InMemoryJobs();
        private final List<String> jobIds = new ArrayList<>();
        private final List<Lease> leases = new ArrayList<>();
        private final Map<String, Long> totals = new HashMap<>();
        private Instant now = JobFixtures.T0;
        private int linkCounter;

        void apply(Step step) {
            now = now.plusMillis(1);
            switch (step) {
                case Start start -> {
                    CrawlJob job = CrawlJob.queued(
                            Ids.next("job"), "proj_1", "kb_1", JobFixtures.spec(JobMode.BATCH, start.limit()), now);
                    jobIds.add(stores.create(job, keys(start.seeds())).id());
                }
                case Claim claim -> leases.addAll(stores.claim("w" + claim.worker(), claim.max(), now, POLICY));
                case Complete complete -> {
                    if (!leases.isEmpty()) {
                        Lease lease = leases.get(complete.lease() % leases.size());
                        stores.complete(lease, result(lease, complete), now);
                    }
                }
                case Cancel cancel -> stores.cancel("kb_1", job(cancel.job()), now);
                case RetryFailed retry -> stores.retry("kb_1", job(retry.job()), now);
                case Renew renew -> {
                    if (!leases.isEmpty()) {
                        stores.renew(leases.get(renew.lease() % leases.size()), now.plus(POLICY.leaseFor()));
                    }
                }
                case Advance advance -> now = now.plusSeconds(advance.seconds());
            }
        }

        private String job(int index) {
            return jobIds.get(index % jobIds.size());
        }

        /** Seeds and links come from a small set of keys, so jobs and pages keep meeting the same URLs. */
        private List<FoundUrl> keys(int count) {
            List<FoundUrl> found = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = linkCounter++ % KEYS;
                FoundUrl url = JobFixtures.url(n % 2 == 0 ? "a.test" : "b.test", "/p" + n);
                found.add(n == KEYS - 1 ? new FoundUrl(url.url(), url.key(), url.host(), 1, SkipReason.ROBOTS) : url);
            }
            return found;
        }

        private PageResult result(Lease lease, Complete complete) {
            List<FoundUrl> links = keys(complete.links());
            return switch (complete.ending()) {
                case INGESTED -> {
                    Dataset dataset = Dataset.builder()
                            .id(Ids.next("dataset"))
                            .knowledgebaseId(lease.knowledgebaseId())
                            .filename("page.html")
                            .fileUrl(lease.url())
                            .extensionType("html")
                            .contentHash("sha256:" + lease.urlKey())
                            .createdAt(now)
                            .updatedAt(now)
                            .build();
                    yield new PageResult.Ingested(
                            dataset, lease.urlKey(), List.of(), new StoredFile("text/html", new byte[0]), 200, links);
                }
                case SETTLED -> new PageResult.Settled(PageOutcome.NOINDEX, "noindex", 200, links);
                case FAILED -> new PageResult.Failed(PageOutcome.FAILED, "HTTP 404", 404);
                case UNSUPPORTED -> new PageResult.Failed(PageOutcome.UNSUPPORTED, "Not text", 200);
                case RETRY -> new PageResult.Retry("HTTP 503", 503, now.plusSeconds(30));
            };
        }

        void check(Step step) {
            for (String id : jobIds) {
                CrawlJob job = stores.find("kb_1", id).orElseThrow();
                String where = step + " → " + job;
                List<InMemoryUrls.Url> urls = stores.urls(id);
                assertThat(job.done() + job.failed()).as(where).isBetween(0L, job.total());
                assertThat(job.total()).as(where).isGreaterThanOrEqualTo(totals.getOrDefault(id, 0L));
                assertThat(job.total())
                        .as("within the limit: " + where)
                        .isLessThanOrEqualTo(job.spec().limit());
                totals.put(id, job.total());
                assertThat(count(urls, UrlState.DONE)).as("done URLs: " + where).isEqualTo(job.done());
                assertThat(count(urls, UrlState.FAILED))
                        .as("failed URLs: " + where)
                        .isEqualTo(job.failed());
                assertThat(urls.size() - count(urls, UrlState.SKIPPED))
                        .as("admitted: " + where)
                        .isEqualTo(job.total());
                boolean open = urls.stream().anyMatch(url -> url.state().isOpen());
                boolean counted = job.done() + job.failed() == job.total();
                assertThat(job.status() == JobStatus.COMPLETED)
                        .as("completed ⇔ nothing pending and done + failed == total: " + where)
                        .isEqualTo(!open && counted && !ended(job, JobStatus.FAILED, JobStatus.CANCELLED));
                assertThat(job.status().finished())
                        .as("finished ⇔ drained: " + where)
                        .isEqualTo(!open);
                checkEvents(job);
            }
        }

        private static boolean ended(CrawlJob job, JobStatus... statuses) {
            return List.of(statuses).contains(job.status());
        }

        private static long count(List<InMemoryUrls.Url> urls, UrlState state) {
            return urls.stream().filter(url -> url.state() == state).count();
        }

        /** Starts and terminal events alternate, and a URL's outcome is reported at most once per run. */
        private void checkEvents(CrawlJob job) {
            @Nullable WebhookEvent last = null;
            Set<String> reported = new HashSet<>();
            for (JobEvents.Emitted emitted : stores.events(job.id())) {
                WebhookEvent event = emitted.event();
                PageReport page = emitted.page();
                if (page != null) {
                    assertThat(last).as("a page event inside a run of " + job).isEqualTo(WebhookEvent.STARTED);
                    assertThat(reported.add(page.url()))
                            .as("URL recorded twice in a run: " + page.url() + " of " + job)
                            .isTrue();
                } else if (event == WebhookEvent.STARTED) {
                    assertThat(last == null || last.isTerminal())
                            .as("a start inside a run of " + job)
                            .isTrue();
                    last = event;
                    reported.clear();
                } else {
                    assertThat(last)
                            .as("a second terminal event of one run of " + job)
                            .isEqualTo(WebhookEvent.STARTED);
                    last = event;
                }
            }
            boolean finished = job.status().finished();
            assertThat(last != null && last.isTerminal())
                    .as("one terminal event per run of " + job)
                    .isEqualTo(finished);
            if (finished) {
                assertThat(last).isEqualTo(WebhookEvent.terminal(job.status()));
            }
        }
    }
}
