package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.events.JobFeed;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.FoundUrl;
import dev.gleaner.jobs.JobStatus;
import dev.gleaner.testapp.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The job feed over a real store: every change reaches the subscribers of its knowledgebase once. */
class JobFeedIT extends DatabaseTest {
    private static final Instant T0 = Fixtures.T0;
    private static final Duration SLACK = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void everyChangeIsDispatchedOnceEvenWhenItCommitsBehindTheWatermark(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase elsewhere = Fixtures.knowledgebase(stores, Fixtures.project(stores, "owner_2", T0), T0);
        MutableClock clock = new MutableClock(T0);
        JobFeed feed = new JobFeed(stores.jobs(), clock, Duration.ofMillis(200), SLACK);
        List<CrawlJob> seen = Collections.synchronizedList(new ArrayList<>());
        JobFeed.Subscription subscription = feed.subscribe(kb.id(), seen::add);

        CrawlJob a = create(stores, kb, T0.plusSeconds(1));
        create(stores, elsewhere, T0.plusSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        feed.poll();
        feed.poll();
        assertThat(seen).containsExactly(a);

        CrawlJob b = create(stores, kb, T0.plusSeconds(3));
        clock.advance(Duration.ofSeconds(2));
        feed.poll();
        // Stamped before b but committed after the feed read b: still within the slack behind the watermark.
        CrawlJob late = create(stores, kb, T0.plusMillis(2_500));
        feed.poll();
        CrawlJob cancelled =
                stores.jobs().cancel(kb.id(), a.id(), T0.plusSeconds(4)).orElseThrow();
        feed.poll();
        feed.poll();

        assertThat(seen).containsExactly(a, b, late, cancelled);
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(feed.subscribers()).isEqualTo(1);
        subscription.close();
        assertThat(feed.subscribers()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aPollReadsOnPastAFullBatch(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        MutableClock clock = new MutableClock(T0);
        JobFeed feed = new JobFeed(stores.jobs(), clock, Duration.ofMillis(200), SLACK);
        List<CrawlJob> seen = Collections.synchronizedList(new ArrayList<>());
        feed.subscribe(kb.id(), seen::add);

        int jobs = JobFeed.BATCH + 5;
        for (int i = 0; i < jobs; i++) {
            create(stores, kb, T0.plusMillis(i));
        }
        clock.advance(Duration.ofSeconds(2));
        feed.poll();

        assertThat(seen).hasSize(jobs);
        assertThat(seen.stream().map(CrawlJob::id).distinct()).hasSize(jobs);
    }

    private static CrawlJob create(Stores stores, Knowledgebase kb, Instant at) {
        CrawlJob job = Fixtures.job(kb, 10, at);
        String url = "https://site-a.test/" + job.id();
        return stores.jobs().create(job, List.of(FoundUrl.candidate(url, "site-a.test/" + job.id(), "site-a.test", 0)));
    }
}
