package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.events.JobFeed;
import dev.gleaner.testapp.MutableClock;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Subscribing and unsubscribing at once, from many threads: no subscription is lost. */
class JobFeedSubscriptionsIT extends DatabaseTest {
    private static final int ROUNDS = 100_000;

    @Test
    void aSubscriptionMadeWhileAnotherClosesIsKept() throws Exception {
        JobFeed feed = new JobFeed(
                fresh(Dialect.SQLITE).jobs(), new MutableClock(Fixtures.T0), Duration.ofSeconds(1), Duration.ZERO);
        CyclicBarrier together = new CyclicBarrier(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            // Each round a knowledgebase with no subscriber gets one that stays while another comes and goes: the
            // one that goes empties the knowledgebase's list just as the one that stays joins it.
            Future<?> staying = threads.submit(() -> {
                for (int round = 0; round < ROUNDS; round++) {
                    together.await(10, TimeUnit.SECONDS);
                    feed.subscribe("kb_" + round, job -> {});
                }
                return null;
            });
            Future<?> leaving = threads.submit(() -> {
                for (int round = 0; round < ROUNDS; round++) {
                    together.await(10, TimeUnit.SECONDS);
                    feed.subscribe("kb_" + round, job -> {}).close();
                }
                return null;
            });
            staying.get(60, TimeUnit.SECONDS);
            leaving.get(60, TimeUnit.SECONDS);
        }

        // Only the subscriptions the feed holds are told about changes: every staying one must be among them.
        assertThat(feed.subscribers()).isEqualTo(ROUNDS);
    }
}
