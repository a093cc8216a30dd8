package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.EventsConfig;
import dev.gleaner.config.LimitsConfig;
import dev.gleaner.testapp.EventStream;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every abuse limit through the real application: beyond it a request is a 429 in the API's error shape with
 * {@code Retry-After}, and changes nothing; the limit lets requests through again once its window has passed (by the
 * injected clock).
 */
class AbuseLimitsApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    /** Late in a UTC day, so that "tomorrow" is a short advance of the clock. */
    private static final Instant LATE = Instant.parse("2026-06-10T23:00:00Z");

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(LATE);

    private TestApp start(LimitsConfig limits) {
        return TestApp.start(TestApp.config(data).withLimits(l -> limits), clock);
    }

    @Test
    void aKeyBeyondItsRateIsRefusedWithTheRateHeadersAndItsRequestChangesNothing() {
        try (TestApp app = start(LimitsConfig.none().withRequestRate(1, 3))) {
            TestApi api = app.newOwner();
            for (int remaining = 2; remaining >= 0; remaining--) {
                TestApi.Response ok = api.get("/v1/projects");
                assertThat(ok.status()).isEqualTo(200);
                assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("3");
                assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
                assertThat(ok.header("X-RateLimit-Reset")).isEqualTo(Integer.toString(3 - remaining));
            }

            TestApi.Response refused = api.post("/v1/projects", Map.of("name", "one too many"));

            assertRateLimited(refused, "1");
            assertThat(refused.json().path("error").path("message").asText()).contains("developer key");
            assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(app.newOwner().get("/v1/projects").status())
                    .as("another key has its own rate")
                    .isEqualTo(200);

            clock.advance(Duration.ofSeconds(1));
            TestApi.Response again = api.get("/v1/projects");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().path("data"))
                    .as("the refused POST created nothing")
                    .isEmpty();
        }
    }

    @Test
    void anAddressThatFailedTooOftenIsRefusedWithoutAKeyCheckUntilItsWindowEnds() {
        try (TestApp app = start(LimitsConfig.none().withAuthFailures(3))) {
            TestApi good = app.newOwner();
            TestApi bad = app.anonymous().withKey("dk_" + "0".repeat(64));
            for (int i = 0; i < 3; i++) {
                assertThat(bad.get("/v1/projects").status()).isEqualTo(401);
            }
            clock.advance(Duration.ofSeconds(20));

            assertRateLimited(bad.get("/v1/projects"), "40");
            TestApi.Response validKeyToo = good.get("/v1/projects");
            assertRateLimited(validKeyToo, "40");
            assertThat(validKeyToo.json().path("error").path("message").asText())
                    .contains("failed authentication");

            clock.advance(Duration.ofSeconds(40));
            assertThat(good.get("/v1/projects").status()).isEqualTo(200);
            assertThat(bad.get("/v1/projects").status()).isEqualTo(401);
        }
    }

    @Test
    void behindAProxyFailuresCountPerForwardedAddress() throws Exception {
        LimitsConfig limits = new LimitsConfig(0, 0, 2, Duration.ofMinutes(1), 0, 0, 0, 0, "X-Real-IP");
        try (TestApp app = start(limits)) {
            String key = java.util.Objects.requireNonNull(app.newOwner().key());
            for (int i = 0; i < 2; i++) {
                assertThat(viaProxy(app, "203.0.113.7", "dk_" + "0".repeat(64))).isEqualTo(401);
            }

            assertThat(viaProxy(app, "203.0.113.7", key)).isEqualTo(429);
            assertThat(viaProxy(app, "203.0.113.8", key))
                    .as("another client behind the proxy")
                    .isEqualTo(200);
        }
    }

    private static int viaProxy(TestApp app, String client, String key) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/v1/projects"))
                .header("Authorization", "Bearer " + key)
                .header("X-Real-IP", client)
                .GET()
                .build();
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void anOwnerBeyondItsUnfinishedJobsIsRefusedUntilOneEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestApp app = TestApp.start(
                        data, c -> c.withLimits(l -> LimitsConfig.none().withOwnerLimits(0, 1, 0, 0)));
                TestSite site = TestSite.start()) {
            site.route("/hold", exchange -> {
                try {
                    release.await(WITHIN.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] page = "<html><body><p>Held page.</p></body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            Kb kb = Kb.create(app.newOwner());
            Map<String, Object> held =
                    Map.of("mode", "batch", "urls", List.of(site.url("/hold").toString()));
            String first = kb.crawl(held);

            TestApi.Response refused = kb.api().post(kb.path() + "/crawl", held);

            assertRateLimited(refused, "30");
            assertThat(refused.json().path("error").path("message").asText()).contains("queued or running");
            assertThat(kb.jobs()).hasSize(1);
            assertThat(Kb.create(app.newOwner())
                            .api()
                            .post(kb.path() + "/crawl", held)
                            .status())
                    .as("another owner is not affected (and does not see this knowledgebase)")
                    .isEqualTo(404);

            assertThat(kb.api()
                            .post(kb.path() + "/crawl/jobs/" + first + "/cancel", Map.of())
                            .status())
                    .isEqualTo(200);
            release.countDown();
            String second = kb.crawl(held);
            assertThat(kb.awaitFinished(second, WITHIN).path("status").asText()).isEqualTo("completed");
        } finally {
            release.countDown();
        }
    }

    @Test
    void pagesBeyondTheDailyQuotaEndFailedWithTheReasonAndCanBeRetriedTheNextDay() {
        try (TestApp app = start(LimitsConfig.none().withOwnerLimits(0, 0, 5, 0));
                TestSite site = TestSite.withGeneratedSite(8)) {
            Kb kb = Kb.create(app.newOwner());
            List<String> urls =
                    site.sitePages().stream().limit(8).map(URI::toString).toList();
            String jobId = kb.crawl(Map.of("mode", "batch", "urls", urls));

            JsonNode job = kb.awaitFinished(jobId, WITHIN);
            assertThat(job.path("status").asText()).isEqualTo("completed");
            assertThat(job.path("total").asLong()).isEqualTo(8);
            assertThat(job.path("done").asLong()).isEqualTo(5);
            assertThat(job.path("failed").asLong()).isEqualTo(3);
            TestApi.Response failedPages = kb.api().get(kb.path() + "/crawl/jobs/" + jobId + "/pages?outcome=failed");
            assertThat(failedPages.json().path("pages")).hasSize(3).allSatisfy(page -> assertThat(
                            page.path("reason").asText())
                    .contains("daily quota of 5 page fetches")
                    .contains("2026-06-11T00:00:00Z")
                    .contains("/retry"));

            TestApi.Response refused = kb.api().post(kb.path() + "/crawl", Map.of("mode", "batch", "urls", urls));
            assertRateLimited(refused, "3600");
            assertThat(refused.json().path("error").path("details").has("pagesPerDay"))
                    .isTrue();
            assertThat(kb.jobs()).hasSize(1);

            clock.advance(Duration.ofHours(1));
            TestApi.Response retried = kb.api().post(kb.path() + "/crawl/jobs/" + jobId + "/retry", Map.of());
            assertThat(retried.status()).as(retried.text()).isEqualTo(200);
            JsonNode again = kb.awaitFinished(jobId, WITHIN);
            assertThat(again.path("done").asLong()).isEqualTo(8);
            assertThat(again.path("failed").asLong()).isZero();
        }
    }

    @Test
    void uploadsBeyondTheDailyQuotaAreRefusedAndARefusedFileIsNotCharged() {
        try (TestApp app = start(LimitsConfig.none().withOwnerLimits(0, 0, 0, 100))) {
            Kb kb = Kb.create(app.newOwner());
            String datasets = kb.path() + "/datasets";
            assertThat(upload(kb, "a.txt", 60).status()).isEqualTo(201);

            TestApi.Response refused = upload(kb, "b.txt", 60);
            assertRateLimited(refused, "3600");
            assertThat(refused.json().path("error").path("message").asText()).contains("100 uploaded bytes");
            assertThat(kb.datasets()).hasSize(1);

            TestApi.Response unsupported =
                    kb.api().upload(datasets, "dataset", "tool.exe", "application/x-msdownload", new byte[30]);
            assertThat(unsupported.status()).isEqualTo(415);
            assertThat(upload(kb, "c.txt", 40).status())
                    .as("the refused file was not charged: 60 + 40 fit")
                    .isEqualTo(201);
            assertThat(upload(kb, "d.txt", 1).status()).isEqualTo(429);

            clock.advance(Duration.ofHours(1));
            assertThat(upload(kb, "e.txt", 60).status()).isEqualTo(201);
            assertThat(kb.datasets()).hasSize(3);
        }
    }

    @Test
    void anOwnerBeyondItsOpenStreamsIsRefusedUntilOneCloses() {
        // A closed stream is noticed at its next heartbeat: a short one frees the slot quickly.
        EventsConfig events = EventsConfig.defaults().withHeartbeat(Duration.ofSeconds(1));
        try (TestApp app =
                TestApp.start(data, c -> c.withLimits(l -> LimitsConfig.none().withOwnerLimits(1, 0, 0, 0))
                        .withEvents(e -> events))) {
            TestApi api = app.newOwner();
            Kb kb = Kb.create(api);
            Map<String, String> auth = Map.of("Authorization", "Bearer " + api.key());
            EventStream first = EventStream.open(app.port(), kb.path() + "/crawl/events", auth);

            HttpResponse<Stream<String>> refused = EventStream.request(app.port(), kb.path() + "/crawl/events", auth);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            try (Stream<String> body = refused.body()) {
                assertThat(String.join("\n", body.toList()))
                        .contains("rate_limited")
                        .contains("streams");
            }
            TestApi other = app.newOwner();
            Kb otherKb = Kb.create(other);
            EventStream.open(
                            app.port(),
                            otherKb.path() + "/crawl/events",
                            Map.of("Authorization", "Bearer " + other.key()))
                    .close();

            first.close();
            await().atMost(WITHIN).untilAsserted(() -> {
                HttpResponse<Stream<String>> again = EventStream.request(app.port(), kb.path() + "/crawl/events", auth);
                again.body().close();
                assertThat(again.statusCode()).isEqualTo(200);
            });
        }
    }

    private static TestApi.Response upload(Kb kb, String name, int bytes) {
        byte[] text = "x".repeat(bytes).getBytes(StandardCharsets.UTF_8);
        return kb.api().upload(kb.path() + "/datasets", "dataset", name, "text/plain", text);
    }

    private static void assertRateLimited(TestApi.Response response, String retryAfter) {
        assertThat(response.status()).as(response.text()).isEqualTo(429);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("rate_limited");
        assertThat(response.json().path("error").path("message").asText()).isNotBlank();
        assertThat(response.header("Retry-After")).isEqualTo(retryAfter);
    }
}
