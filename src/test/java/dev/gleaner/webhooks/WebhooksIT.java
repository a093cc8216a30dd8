package dev.gleaner.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.api.OpenApiContract;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.ServerConfig;
import dev.gleaner.config.WebhooksConfig;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import dev.gleaner.testsite.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks end to end: the real app crawling a loopback site and delivering to a loopback receiver. */
class WebhooksIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String OWNER = "owner_webhooks";
    /** Short backoff so retries happen within a test: 3 attempts, 50 ms then 100 ms apart (less jitter). */
    private static final WebhooksConfig FAST = new WebhooksConfig(
            3,
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofSeconds(20),
            64,
            4,
            Duration.ofMillis(50),
            TestApp.WEBHOOK_SECRET);

    @TempDir
    Path data;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private TestApp app(WebhooksConfig settings) {
        return opened(TestApp.start(data, config -> config.withWebhooks(w -> settings)));
    }

    private TestSite site(int pages) {
        return opened(TestSite.withGeneratedSite(pages));
    }

    private WebhookReceiver receiver(java.util.function.ToIntFunction<WebhookReceiver.Received> answer) {
        return opened(WebhookReceiver.start(answer));
    }

    @Test
    void everyEventOfACrawlArrivesInOrderSignedWithTheSecretAndMatchingTheSchema() throws Exception {
        TestApp app = app(FAST);
        TestSite site = site(4);
        WebhookReceiver receiver = receiver(r -> 200);
        Kb kb = Kb.create(app.newOwner());

        String jobId = kb.crawl(crawl(site, webhook(receiver, null)));
        JsonNode job = awaitFinishedEvent(kb, jobId, WITHIN);
        List<JsonNode> log = awaitSettled(kb, jobId);

        assertThat(job.path("status").asText()).isEqualTo("completed");
        long pages = job.path("done").asLong() + job.path("failed").asLong();
        assertThat(pages).isGreaterThanOrEqualTo(4);
        List<String> expected = new ArrayList<>();
        expected.add("crawl.started");
        IntStream.range(0, (int) pages).forEach(i -> expected.add("crawl.page"));
        expected.add("crawl.completed");
        assertThat(receiver.events()).containsExactlyElementsOf(expected);
        OpenApiContract contract = OpenApiContract.ours();
        long lastDone = -1;
        for (WebhookReceiver.Received request : receiver.received()) {
            assertThat(request.header("X-Signature"))
                    .isEqualTo("sha256=" + hmac(TestApp.WEBHOOK_SECRET, request.body()));
            assertThat(request.header("X-Gleaner-Event")).isEqualTo(request.event());
            assertThat(request.header("X-Gleaner-Delivery"))
                    .isEqualTo(request.id())
                    .startsWith("evt_");
            assertThat(request.header("X-Gleaner-Timestamp")).isNotEmpty();
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.json().path("jobId").asText()).isEqualTo(jobId);
            assertThat(request.json().path("knowledgebaseId").asText()).isEqualTo(kb.id());
            contract.assertSchema("WebhookEvent", request.body());
            if (request.event().equals("crawl.page")) {
                long done = request.json().path("data").path("done").asLong()
                        + request.json().path("data").path("failed").asLong();
                assertThat(done).as("counters after each page grow").isGreaterThan(lastDone);
                lastDone = done;
            }
        }
        JsonNode completed = receiver.received().getLast().json().path("data");
        assertThat(completed).isEqualTo(Kb.asEvent(kb.job(jobId)));
        assertThat(log).extracting(e -> e.path("status").asText()).containsOnly("delivered");
        assertThat(log)
                .extracting(e -> e.path("id").asText())
                .containsExactlyElementsOf(receiver.received().stream()
                        .map(WebhookReceiver.Received::id)
                        .toList());
        assertThat(log).allSatisfy(e -> {
            assertThat(e.path("attempts")).hasSize(1);
            assertThat(e.path("attempts").get(0).path("httpStatus").asInt()).isEqualTo(200);
            assertThat(e.path("attempts").get(0).path("responseSnippet").asText())
                    .isEqualTo("answered 200");
        });
    }

    @Test
    void onlyTheConfiguredEventsAreSentWithTheRequestsHeaders() {
        TestApp app = app(FAST);
        TestSite site = site(3);
        WebhookReceiver receiver = receiver(r -> 204);
        Kb kb = Kb.create(app.newOwner());
        Map<String, Object> webhook = webhook(receiver, List.of("crawl.completed", "crawl.started"));
        webhook.put("headers", Map.of("X-Token", "abc 123"));

        String jobId = kb.crawl(crawl(site, webhook));
        kb.awaitFinished(jobId, WITHIN);
        List<JsonNode> log = awaitSettled(kb, jobId);

        assertThat(receiver.events()).containsExactly("crawl.started", "crawl.completed");
        assertThat(receiver.received())
                .allSatisfy(r -> assertThat(r.header("X-Token")).isEqualTo("abc 123"));
        assertThat(log).extracting(e -> e.path("event").asText()).containsExactly("crawl.started", "crawl.completed");
    }

    @Test
    void aReceiverFailingTwiceGetsTheSameEventThreeTimesAndTheLogShowsEachAttempt() {
        TestApp app = app(FAST);
        TestSite site = site(1);
        AtomicInteger calls = new AtomicInteger();
        WebhookReceiver receiver = receiver(r -> calls.incrementAndGet() <= 2 ? 500 : 200);
        Kb kb = Kb.create(app.newOwner());

        String jobId = kb.crawl(crawl(site, webhook(receiver, List.of("crawl.started", "crawl.completed"))));
        kb.awaitFinished(jobId, WITHIN);
        List<JsonNode> log = awaitSettled(kb, jobId);

        List<WebhookReceiver.Received> received = receiver.received();
        assertThat(received)
                .extracting(WebhookReceiver.Received::event)
                .containsExactly("crawl.started", "crawl.started", "crawl.started", "crawl.completed");
        assertThat(received.subList(0, 3))
                .extracting(r -> r.header("X-Gleaner-Delivery"))
                .containsOnly(received.get(0).id());
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertThat(received.get(2).body()).isEqualTo(received.get(0).body());
        JsonNode started = log.get(0);
        assertThat(started.path("status").asText()).isEqualTo("delivered");
        assertThat(started.path("attempts"))
                .extracting(a -> a.path("httpStatus").asInt())
                .containsExactly(500, 500, 200);
        assertThat(started.has("nextAttemptAt")).isFalse();
    }

    @Test
    void anEventNeverAcceptedEndsFailedAfterTheLastAttemptAndTheJobsNextEventsStillGo() {
        TestApp app = app(FAST);
        TestSite site = site(2);
        WebhookReceiver receiver = receiver(r -> r.event().equals("crawl.started") ? 503 : 200);
        Kb kb = Kb.create(app.newOwner());

        String jobId = kb.crawl(crawl(site, webhook(receiver, null)));
        kb.awaitFinished(jobId, WITHIN);
        List<JsonNode> log = awaitSettled(kb, jobId);

        assertThat(log.get(0).path("event").asText()).isEqualTo("crawl.started");
        assertThat(log.get(0).path("status").asText()).isEqualTo("failed");
        assertThat(log.get(0).path("attempts"))
                .hasSize(FAST.maxAttempts())
                .allSatisfy(a -> assertThat(a.path("httpStatus").asInt()).isEqualTo(503));
        assertThat(log.subList(1, log.size()))
                .extracting(e -> e.path("status").asText())
                .containsOnly("delivered");
        assertThat(receiver.events().subList(0, FAST.maxAttempts())).containsOnly("crawl.started");
        assertThat(receiver.events().getLast()).isEqualTo("crawl.completed");
    }

    @Test
    void aHangingReceiverDoesNotHoldUpTheCrawl() {
        TestApp app = app(FAST);
        TestSite site = site(5);
        WebhookReceiver receiver = receiver(r -> 0);
        Kb kb = Kb.create(app.newOwner());

        String jobId = kb.crawl(crawl(site, webhook(receiver, null)));
        JsonNode job = awaitFinishedEvent(kb, jobId, WITHIN);

        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(receiver.received()).hasSize(1);
        List<JsonNode> pending = log(kb, jobId);
        assertThat(pending).extracting(e -> e.path("status").asText()).containsOnly("pending");
        assertThat(pending.getLast().path("event").asText()).isEqualTo("crawl.completed");

        receiver.release();
        awaitSettled(kb, jobId);
        assertThat(receiver.events().getLast()).isEqualTo("crawl.completed");
    }

    @Test
    void eventsPendingWhenTheAppStopsAreDeliveredAfterItStartsAgain() {
        WebhooksConfig slowRetries = new WebhooksConfig(
                FAST.maxAttempts(),
                Duration.ofMillis(50),
                Duration.ofMillis(50),
                Duration.ofSeconds(5),
                64,
                4,
                Duration.ofMillis(50),
                TestApp.WEBHOOK_SECRET);
        TestSite site = site(2);
        WebhookReceiver receiver = receiver(r -> 0);
        TestApp first = TestApp.start(data, config -> config.withWebhooks(w -> slowRetries));
        Kb kb;
        String jobId;
        try {
            kb = Kb.create(first.clientOf(OWNER));
            jobId = kb.crawl(crawl(site, webhook(receiver, null)));
            kb.awaitFinished(jobId, WITHIN);
            await().atMost(WITHIN).until(() -> receiver.received().size() == 1);
        } finally {
            first.close();
        }
        receiver.answerWith(r -> 200);

        TestApp second = app(slowRetries);
        Kb again = new Kb(second.clientOf(OWNER), kb.projectId(), kb.id());
        List<JsonNode> log = awaitSettled(again, jobId);

        assertThat(log).extracting(e -> e.path("status").asText()).containsOnly("delivered");
        List<String> delivered = receiver.received().stream()
                .skip(1)
                .map(WebhookReceiver.Received::event)
                .toList();
        assertThat(delivered.getFirst()).isEqualTo("crawl.started");
        assertThat(delivered.getLast()).isEqualTo("crawl.completed");
        assertThat(delivered.stream().distinct()).containsExactly("crawl.started", "crawl.page", "crawl.completed");
    }

    @Test
    void anotherOwnerGets404ForTheDeliveryLog() {
        TestApp app = app(FAST);
        TestSite site = site(1);
        WebhookReceiver receiver = receiver(r -> 200);
        Kb kb = Kb.create(app.newOwner());
        String jobId = kb.crawl(crawl(site, webhook(receiver, null)));

        TestApi.Response foreign = app.newOwner().get(kb.path() + "/crawl/jobs/" + jobId + "/webhooks");
        TestApi.Response unknown = kb.api().get(kb.path() + "/crawl/jobs/job_unknown/webhooks");

        assertThat(foreign.status()).as(foreign.text()).isEqualTo(404);
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
    }

    @Test
    void aWebhookToAPrivateAddressIsRefusedWhenPrivateNetworksAreNot() {
        TestApp app = opened(TestApp.start(data, config -> privateNetworksRefused(config.withWebhooks(w -> FAST))));
        WebhookReceiver receiver = receiver(r -> 200);
        Kb kb = Kb.create(app.newOwner());

        TestApi.Response refused = kb.api()
                .post(
                        kb.path() + "/crawl",
                        Map.of("url", "https://example.com/", "webhook", webhook(receiver, List.of("crawl.started"))));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json()
                        .path("error")
                        .path("details")
                        .path("webhook.url")
                        .asText())
                .contains("127.0.0.1")
                .contains("--allow-private-network");
        assertThat(kb.jobs()).isEmpty();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void badWebhookInputIsRefusedListingEveryProblem() {
        TestApp app = app(FAST);
        Kb kb = Kb.create(app.newOwner());
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("url", "ftp://user:pw@hooks.example/");
        webhook.put("headers", Map.of("X-Signature", "forged", "Bad Name", "x", "X-Ok", "line\nbreak"));
        webhook.put("events", List.of("crawl.page", "crawl.page", "crawl.exploded"));

        TestApi.Response refused =
                kb.api().post(kb.path() + "/crawl", Map.of("url", "https://e.example/", "webhook", webhook));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        JsonNode details = refused.json().path("error").path("details");
        assertThat(details.properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(
                        "webhook.url",
                        "webhook.headers.X-Signature",
                        "webhook.headers.Bad Name",
                        "webhook.headers.X-Ok",
                        "webhook.events[1]",
                        "webhook.events[2]");
    }

    private static GleanerConfig privateNetworksRefused(GleanerConfig c) {
        return c.withServer(server -> new ServerConfig(server.host(), server.port(), false));
    }

    private static Map<String, Object> crawl(TestSite site, Map<String, Object> webhook) {
        return Map.of("url", site.siteUrl().toString(), "sitemap", "skip", "webhook", webhook);
    }

    private static Map<String, Object> webhook(
            WebhookReceiver receiver, @org.jspecify.annotations.Nullable List<String> events) {
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("url", receiver.url("/hook").toString());
        if (events != null) {
            webhook.put("events", events);
        }
        return webhook;
    }

    private static List<JsonNode> log(Kb kb, String jobId) {
        TestApi.Response response = kb.api().get(kb.path() + "/crawl/jobs/" + jobId + "/webhooks?limit=1000");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        response.json().path("events").forEach(events::add);
        return events;
    }

    /** Waits until the job finished and every event of its log is delivered or failed; returns the log. */
    private static List<JsonNode> awaitSettled(Kb kb, String jobId) {
        List<List<JsonNode>> last = new ArrayList<>();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(Kb.asEvent(kb.job(jobId)).path("status").asText()).isIn("completed", "failed", "cancelled");
            List<JsonNode> log = log(kb, jobId);
            assertThat(log).isNotEmpty();
            assertThat(log).extracting(e -> e.path("status").asText()).doesNotContain("pending");
            last.clear();
            last.add(log);
        });
        return last.getFirst();
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** The finished job as events carry it (without the read's {@code indexPosition}). */
    private static JsonNode awaitFinishedEvent(Kb kb, String jobId, java.time.Duration within) {
        return Kb.asEvent(kb.awaitFinished(jobId, within));
    }
}
