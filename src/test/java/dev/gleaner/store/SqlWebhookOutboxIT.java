package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import dev.gleaner.jobs.WebhookTarget;
import dev.gleaner.testsite.WebhookReceiver;
import dev.gleaner.webhooks.Delivery;
import dev.gleaner.webhooks.DeliveryAttempt;
import dev.gleaner.webhooks.DeliveryStatus;
import dev.gleaner.webhooks.EventLog;
import dev.gleaner.webhooks.HttpWebhookSender;
import dev.gleaner.webhooks.WebhookDispatcher;
import dev.gleaner.webhooks.WebhookSettings;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlWebhookOutboxIT extends DatabaseTest {
    private static final Duration LEASE = Duration.ofSeconds(40);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aJobsChangesWriteItsEventsInOrderAndAJobWithoutWebhookWritesNone(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = stores.jobs()
                .create(Fixtures.job(kb, withWebhook(WebhookTarget.EVENTS), T0), Fixtures.urls("a.test", 2));
        CrawlJob plain = stores.jobs().create(Fixtures.job(kb, Fixtures.spec(10), T0), Fixtures.urls("a.test", 1));

        List<Lease> leases = stores.frontier().claim("w1", 10, T0.plusSeconds(1), Fixtures.policy(10, 3));
        for (Lease lease : leases) {
            PageResult result = lease.jobId().equals(job.id()) && lease.url().endsWith("/p0")
                    ? Fixtures.ingested(lease, 1, List.of(), T0.plusSeconds(2))
                    : new PageResult.Failed(PageOutcome.FAILED, "HTTP 404", 404);
            assertThat(stores.frontier().complete(lease, result, T0.plusSeconds(2)))
                    .isTrue();
        }

        List<EventLog> log = log(stores, kb, job);
        assertThat(log)
                .extracting(EventLog::event)
                .containsExactly("crawl.started", "crawl.page", "crawl.page", "crawl.completed");
        assertThat(log).extracting(EventLog::status).containsOnly(DeliveryStatus.PENDING);
        assertThat(new SqlWebhookOutbox(stores.database())
                        .log(kb.id(), plain.id(), 100, null)
                        .orElseThrow()
                        .events())
                .isEmpty();
        assertThat(Fixtures.rows(stores.database(), "webhook_events")).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aClaimHandsOutOnlyAJobsHeadEventOnceUntilItsLeaseExpires(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob job = stores.jobs()
                .create(Fixtures.job(kb, withWebhook(WebhookTarget.EVENTS), T0), Fixtures.urls("a.test", 1));
        stores.jobs().cancel(kb.id(), job.id(), T0.plusSeconds(1));
        SqlWebhookOutbox outbox = new SqlWebhookOutbox(stores.database());
        Instant now = T0.plusSeconds(2);

        List<Delivery> first = outbox.claim("w1", 10, now, LEASE);
        List<Delivery> meanwhile = outbox.claim("w2", 10, now.plusSeconds(1), LEASE);
        List<Delivery> afterExpiry = outbox.claim("w2", 10, now.plus(LEASE).plusSeconds(1), LEASE);
        boolean staleRecorded = outbox.record(first.get(0), attempt(now, 200), DeliveryStatus.DELIVERED, null);
        boolean recorded = outbox.record(afterExpiry.get(0), attempt(now, 200), DeliveryStatus.DELIVERED, null);
        List<Delivery> next = outbox.claim("w1", 10, now.plus(LEASE).plusSeconds(2), LEASE);

        assertThat(first).extracting(Delivery::event).containsExactly("crawl.started");
        assertThat(meanwhile).isEmpty();
        assertThat(afterExpiry)
                .extracting(Delivery::id)
                .containsExactly(first.get(0).id());
        assertThat(staleRecorded).isFalse();
        assertThat(recorded).isTrue();
        assertThat(next).extracting(Delivery::event).containsExactly("crawl.cancelled");
        assertThat(log(stores, kb, job).get(0).attempts()).hasSize(1);
    }

    @Test
    void twoDispatchersOnOnePostgresDatabaseNeverSendAnEventTwice() {
        Stores stores = fresh(Dialect.POSTGRES);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            List<String> jobIds = new ArrayList<>();
            WebhookTarget target = new WebhookTarget(receiver.url("/in").toString(), Map.of(), WebhookTarget.EVENTS);
            for (int i = 0; i < 30; i++) {
                CrawlJob job =
                        stores.jobs().create(Fixtures.job(kb, withTarget(target), T0), Fixtures.urls("a.test", 1));
                stores.jobs().cancel(kb.id(), job.id(), T0.plusSeconds(1));
                jobIds.add(job.id());
            }
            WebhookSettings settings = new WebhookSettings(
                    3,
                    Duration.ofMillis(10),
                    Duration.ofMillis(10),
                    Duration.ofSeconds(10),
                    64,
                    4,
                    Duration.ofMillis(20),
                    "a-secret-of-sixteen-or-more");
            try (WebhookDispatcher one = dispatcher(stores, settings, "one");
                    WebhookDispatcher two = dispatcher(stores, settings, "two")) {
                one.start();
                two.start();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> receiver.received().size() >= 60);
            }

            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).hasSize(60);
            Map<String, Long> timesSent = received.stream()
                    .collect(Collectors.groupingBy(WebhookReceiver.Received::id, Collectors.counting()));
            assertThat(timesSent).hasSize(60).allSatisfy((id, times) -> assertThat(times)
                    .isEqualTo(1));
            Map<String, List<String>> byJob = received.stream()
                    .collect(Collectors.groupingBy(
                            r -> r.json().path("jobId").asText(),
                            Collectors.mapping(WebhookReceiver.Received::event, Collectors.toList())));
            assertThat(byJob.keySet()).containsExactlyInAnyOrderElementsOf(jobIds);
            assertThat(byJob.values())
                    .allSatisfy(events -> assertThat(events).containsExactly("crawl.started", "crawl.cancelled"));
        }
    }

    private static WebhookDispatcher dispatcher(Stores stores, WebhookSettings settings, String worker) {
        AddressGuard guard = new AddressGuard(true, InetAddress::getAllByName);
        return new WebhookDispatcher(
                new SqlWebhookOutbox(stores.database()),
                new HttpWebhookSender(guard, settings.maxResponseBytes(), settings.requestTimeout(), "GleanerTest/1"),
                settings,
                new dev.gleaner.webhooks.WebhookSecrets(
                        new SqlWebhookSecretStore(stores.database()), Clock.systemUTC(), settings.secret()),
                worker,
                Clock.systemUTC(),
                new SplittableRandom(1));
    }

    private static List<EventLog> log(Stores stores, Knowledgebase kb, CrawlJob job) {
        return new SqlWebhookOutbox(stores.database())
                .log(kb.id(), job.id(), 100, null)
                .orElseThrow()
                .events();
    }

    private static DeliveryAttempt attempt(Instant at, int status) {
        return new DeliveryAttempt(at, status, null, 5, "ok");
    }

    private static CrawlSpec withWebhook(List<String> events) {
        return withTarget(new WebhookTarget("https://hooks.test/in", Map.of(), events));
    }

    private static CrawlSpec withTarget(WebhookTarget target) {
        CrawlSpec s = Fixtures.spec(10);
        return new CrawlSpec(
                s.mode(),
                s.url(),
                s.limit(),
                s.maxDepth(),
                s.includePaths(),
                s.excludePaths(),
                s.allowSubdomains(),
                s.crawlEntireDomain(),
                s.sitemap(),
                s.ignoreQueryParameters(),
                target);
    }
}
