package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gleaner.events.JobFeed;
import dev.gleaner.jobs.JobStore;
import dev.gleaner.testapp.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The job feed's poller reports its health truthfully: its thread ended by an error makes it unhealthy at once, and a
 * poller whose every round fails (its database unreachable) becomes stale after ten rounds' worth of time (at least
 * 60 s by its clock). The feed runs over a real store whose {@code changedSince} is made to fail.
 */
class JobFeedHealthIT extends DatabaseTest {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void anErrorThatEndsThePollerIsReportedAtOnce() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        JobFeed feed = new JobFeed(failing(failure), new MutableClock(Fixtures.T0), POLL, Duration.ofSeconds(10));
        feed.start();
        try {
            await().atMost(WITHIN).until(() -> feed.heartbeat().secondsSinceRound() >= 0);
            assertThat(feed.heartbeat().problem()).isNull();

            failure.set(new StackOverflowError("deep"));

            await().atMost(WITHIN).until(() -> feed.heartbeat().problem() != null);
            assertThat(feed.heartbeat().problem()).isEqualTo("stopped by StackOverflowError: deep");
        } finally {
            feed.close();
        }
    }

    @Test
    void aPollerFailingEveryRoundBecomesStale() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        MutableClock clock = new MutableClock(Fixtures.T0);
        JobFeed feed = new JobFeed(failing(failure), clock, POLL, Duration.ofSeconds(10));
        feed.start();
        try {
            failure.set(new IllegalStateException("database unreachable"));
            clock.advance(Duration.ofSeconds(59));
            assertThat(feed.heartbeat().problem()).isNull();

            clock.advance(Duration.ofSeconds(2));

            assertThat(feed.heartbeat().problem()).startsWith("has not completed a round for 61 s");
            failure.set(null);
            await().atMost(WITHIN).until(() -> feed.heartbeat().problem() == null);
        } finally {
            feed.close();
        }
        assertThat(feed.heartbeat().problem()).isNull();
    }

    /** A real SQLite job store whose {@code changedSince} throws {@code failure} while one is set. */
    private JobStore failing(AtomicReference<Throwable> failure) {
        JobStore real = fresh(Dialect.SQLITE).jobs();
        return (JobStore) Proxy.newProxyInstance(
                JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                    Throwable thrown = failure.get();
                    if (method.getName().equals("changedSince") && thrown != null) {
                        throw thrown;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
