package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources through the API: CRUD, validation, masked headers, syncs as jobs, and the scheduler on a controlled clock. */
class SourcesApiIT {
    private static final String TOKEN = "Bearer source-api-s3cr3t-5d2e";
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path data;

    private TestSite site;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<String> authorizations = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startSite() {
        site = TestSite.withGeneratedSite(3);
        site.route("/held", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "<html><head><title>Held</title></head><body><p>A page answered when the test says so.</p>"
                    .concat("</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
    }

    @AfterEach
    void stopSite() {
        gate.countDown();
        site.close();
    }

    @Test
    void aSourceIsCreatedListedReadChangedAndDeletedWithItsHeadersNeverShown() {
        try (TestApp app = TestApp.start(data)) {
            Kb kb = Kb.create(app.newOwner());
            TestApi.Response created = kb.api()
                    .post(
                            kb.path() + "/sources",
                            Map.of(
                                    "name",
                                    "Handbook",
                                    "request",
                                    Map.of(
                                            "url",
                                            site.siteUrl().toString(),
                                            "sitemap",
                                            "skip",
                                            "headers",
                                            Map.of("Authorization", TOKEN)),
                                    "schedule",
                                    Map.of("every", "PT6H")));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            JsonNode source = created.json();
            String id = source.path("id").asText();
            assertThat(id).startsWith("src_");
            assertThat(source.path("name").asText()).isEqualTo("Handbook");
            assertThat(source.path("request").path("mode").asText()).isEqualTo("crawl");
            assertThat(source.path("request")
                            .path("headers")
                            .path("Authorization")
                            .asText())
                    .isEqualTo("***");
            assertThat(source.path("schedule").path("every").asText()).isEqualTo("PT6H");
            assertThat(Instant.parse(source.path("nextRunAt").asText()))
                    .isEqualTo(Instant.parse(source.path("createdAt").asText()).plus(Duration.ofHours(6)));
            assertThat(source.has("lastJob")).isFalse();
            assertThat(created.text()).doesNotContain("s3cr3t");

            TestApi.Response listed = kb.api().get(kb.path() + "/sources");
            assertThat(listed.json().path("data"))
                    .extracting(n -> n.path("id").asText())
                    .containsExactly(id);
            assertThat(listed.text()).doesNotContain("s3cr3t");
            TestApi.Response read = kb.api().get(kb.path() + "/sources/" + id);
            assertThat(read.text()).doesNotContain("s3cr3t");
            assertThat(read.json()
                            .path("request")
                            .path("headers")
                            .path("Authorization")
                            .asText())
                    .isEqualTo("***");

            TestApi.Response changed = kb.api()
                    .patch(
                            kb.path() + "/sources/" + id,
                            Map.of(
                                    "request",
                                    Map.of("url", site.url("/held").toString(), "sitemap", "skip"),
                                    "schedule",
                                    Map.of("cron", "0 3 * * *")));
            assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            assertThat(changed.json().path("name").asText())
                    .as("not given: kept")
                    .isEqualTo("Handbook");
            assertThat(changed.json().path("request").path("url").asText())
                    .isEqualTo(site.url("/held").toString());
            assertThat(changed.json()
                            .path("request")
                            .path("headers")
                            .path("Authorization")
                            .asText())
                    .as("headers omitted: kept")
                    .isEqualTo("***");
            assertThat(changed.json().path("schedule").path("cron").asText()).isEqualTo("0 3 * * *");
            assertThat(changed.json().path("nextRunAt").asText()).endsWith("T03:00:00.000Z");

            gate.countDown();
            TestApi.Response sync = kb.api().post(kb.path() + "/sources/" + id + "/sync", Map.of());
            assertThat(sync.status()).as(sync.text()).isEqualTo(202);
            kb.awaitFinished(sync.json().path("jobId").asText(), WITHIN);
            assertThat(authorizations)
                    .as("the stored headers were kept and sent")
                    .containsOnly(TOKEN);

            TestApi.Response manual =
                    kb.api().patch(kb.path() + "/sources/" + id, java.util.Collections.singletonMap("schedule", null));
            assertThat(manual.json().has("schedule")).isFalse();
            assertThat(manual.json().has("nextRunAt")).isFalse();

            assertThat(kb.api().delete(kb.path() + "/sources/" + id).status()).isEqualTo(200);
            assertThat(kb.api().get(kb.path() + "/sources/" + id).status()).isEqualTo(404);
            assertThat(kb.api().get(kb.path() + "/sources").json().path("data")).isEmpty();
            Kb other = Kb.create(app.newOwner());
            assertThat(other.api().get(kb.path() + "/sources").status())
                    .as("another owner's")
                    .isEqualTo(404);
        }
    }

    @Test
    void everyProblemOfABodyIsListedAtOnce() {
        try (TestApp app = TestApp.start(data)) {
            Kb kb = Kb.create(app.newOwner());
            TestApi.Response refused = kb.api()
                    .post(
                            kb.path() + "/sources",
                            Map.of(
                                    "name",
                                    " ",
                                    "request",
                                    Map.of("url", "not a url", "limit", 0, "colour", "red"),
                                    "schedule",
                                    Map.of("every", "PT5M"),
                                    "owner",
                                    "me"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("error").path("code").asText()).isEqualTo("bad_request");
            JsonNode details = refused.json().path("error").path("details");
            assertThat(details.path("name").asText()).isEqualTo("must not be empty");
            assertThat(details.path("request.url").asText()).isEqualTo("must be an absolute http(s) URL");
            assertThat(details.path("request.limit").asText()).startsWith("must be between 1 and");
            assertThat(details.path("request.colour").asText()).isEqualTo("is not a known field");
            assertThat(details.path("schedule.every").asText()).isEqualTo("must be at least PT15M (15 minutes)");
            assertThat(details.path("owner").asText()).isEqualTo("is not a known field");

            JsonNode cron = kb.api()
                    .post(
                            kb.path() + "/sources",
                            Map.of(
                                    "request",
                                    Map.of("url", site.siteUrl().toString()),
                                    "schedule",
                                    Map.of("cron", "*/5 * * * *")))
                    .json()
                    .path("error")
                    .path("details");
            assertThat(cron.path("schedule.cron").asText()).startsWith("fires more often than every 15 minutes");
            JsonNode bad = kb.api()
                    .post(kb.path() + "/sources", Map.of("schedule", Map.of("cron", "0 3 * *", "every", "PT1H")))
                    .json()
                    .path("error")
                    .path("details");
            assertThat(bad.path("request").asText()).startsWith("is required");
            assertThat(bad.path("schedule").asText()).startsWith("must have exactly one of every");
            assertThat(kb.api().get(kb.path() + "/sources").json().path("data")).isEmpty();
        }
    }

    @Test
    void syncNowStartsAJobOfTheSourceAndRefusesASecondWhileItRuns() {
        try (TestApp app = TestApp.start(data)) {
            Kb kb = Kb.create(app.newOwner());
            String id =
                    createSource(kb, Map.of("urls", List.of(site.url("/held").toString())), null);

            TestApi.Response sync = kb.api().post(kb.path() + "/sources/" + id + "/sync", Map.of());
            assertThat(sync.status()).as(sync.text()).isEqualTo(202);
            String jobId = sync.json().path("jobId").asText();
            assertThat(sync.json().path("sourceId").asText()).isEqualTo(id);
            assertThat(kb.jobs()).anySatisfy(job -> {
                assertThat(job.path("jobId").asText()).isEqualTo(jobId);
                assertThat(job.path("sourceId").asText()).isEqualTo(id);
            });

            TestApi.Response again = kb.api().post(kb.path() + "/sources/" + id + "/sync", Map.of());
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().path("error").path("message").asText())
                    .contains(jobId)
                    .contains("still");

            gate.countDown();
            kb.awaitFinished(jobId, WITHIN);
            JsonNode last = kb.api().get(kb.path() + "/sources/" + id).json().path("lastJob");
            assertThat(last.path("jobId").asText()).isEqualTo(jobId);
            assertThat(last.path("status").asText()).isEqualTo("completed");
            assertThat(last.path("changes").path("new").asLong()).isEqualTo(1);
            assertThat(last.has("finishedAt")).isTrue();
            assertThat(kb.api()
                            .post(kb.path() + "/sources/src_none/sync", Map.of())
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void aCompleteSyncOfASourceRemovesTheDatasetsItNoLongerFinds() {
        try (TestApp app = TestApp.start(data)) {
            Kb kb = Kb.create(app.newOwner());
            List<String> pages =
                    site.sitePages().stream().map(Object::toString).limit(2).toList();
            String id = createSource(kb, Map.of("urls", pages), null);
            String first = kb.api()
                    .post(kb.path() + "/sources/" + id + "/sync", Map.of())
                    .json()
                    .path("jobId")
                    .asText();
            assertThat(kb.awaitFinished(first, WITHIN)
                            .path("changes")
                            .path("new")
                            .asLong())
                    .isEqualTo(2);
            assertThat(kb.datasets()).hasSize(2);

            TestApi.Response changed = kb.api()
                    .patch(kb.path() + "/sources/" + id, Map.of("request", Map.of("urls", pages.subList(0, 1))));
            assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            String second = kb.api()
                    .post(kb.path() + "/sources/" + id + "/sync", Map.of())
                    .json()
                    .path("jobId")
                    .asText();
            JsonNode finished = kb.awaitFinished(second, WITHIN);

            assertThat(finished.path("sourceId").asText()).isEqualTo(id);
            assertThat(finished.path("changes").path("removed").asLong()).isEqualTo(1);
            assertThat(kb.datasets())
                    .extracting(d -> d.path("sourceUrl").asText())
                    .containsExactly(pages.get(0));
            assertThat(source(kb, id)
                            .path("lastJob")
                            .path("changes")
                            .path("removed")
                            .asLong())
                    .isEqualTo(1);
        }
    }

    @Test
    void aScheduledSourceRunsOncePerDueTimeAndNeverWhileItsPreviousSyncRuns() {
        MutableClock clock = new MutableClock(T0);
        try (TestApp app = TestApp.start(TestApp.config(data), clock)) {
            Kb kb = Kb.create(app.newOwner());
            String id =
                    createSource(kb, Map.of("urls", List.of(site.url("/held").toString())), Map.of("every", "PT1H"));
            assertThat(nextRunAt(kb, id)).isEqualTo(T0.plus(Duration.ofHours(1)));
            await().during(Duration.ofMillis(1500)).atMost(WITHIN).until(() -> syncs(kb, id)
                    .isEmpty());

            clock.advance(Duration.ofHours(1));
            await().atMost(WITHIN).until(() -> syncs(kb, id).size() == 1);
            String first = syncs(kb, id).get(0);
            await().atMost(WITHIN).until(() -> T0.plus(Duration.ofHours(2)).equals(nextRunAt(kb, id)));
            await().during(Duration.ofMillis(1500))
                    .atMost(WITHIN)
                    .until(() -> syncs(kb, id).size() == 1);

            clock.advance(Duration.ofHours(1));
            await().atMost(WITHIN)
                    .until(() -> source(kb, id).path("lastSkipped").has("reason"));
            JsonNode skipped = source(kb, id);
            assertThat(skipped.path("lastSkipped").path("reason").asText())
                    .isEqualTo("the previous sync " + first + " was still running");
            assertThat(Instant.parse(skipped.path("nextRunAt").asText())).isEqualTo(T0.plus(Duration.ofHours(3)));
            assertThat(syncs(kb, id)).containsExactly(first);

            gate.countDown();
            kb.awaitFinished(first, WITHIN);
            clock.advance(Duration.ofHours(1));
            await().atMost(WITHIN).until(() -> syncs(kb, id).size() == 2);
            await().during(Duration.ofMillis(1500))
                    .atMost(WITHIN)
                    .until(() -> syncs(kb, id).size() == 2);
            await().atMost(WITHIN).until(() -> T0.plus(Duration.ofHours(4)).equals(nextRunAt(kb, id)));
        }
    }

    private static String createSource(
            Kb kb, Map<String, Object> request, @org.jspecify.annotations.Nullable Map<String, Object> schedule) {
        Map<String, Object> body = new HashMap<>();
        body.put("request", request);
        if (schedule != null) {
            body.put("schedule", schedule);
        }
        TestApi.Response created = kb.api().post(kb.path() + "/sources", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static Instant nextRunAt(Kb kb, String id) {
        return Instant.parse(source(kb, id).path("nextRunAt").asText());
    }

    private static JsonNode source(Kb kb, String id) {
        return kb.api().get(kb.path() + "/sources/" + id).json();
    }

    /** The ids of the source's jobs, newest first. */
    private static List<String> syncs(Kb kb, String id) {
        List<String> ids = new ArrayList<>();
        kb.jobs().forEach(job -> {
            if (job.path("sourceId").asText().equals(id)) {
                ids.add(job.path("jobId").asText());
            }
        });
        return ids;
    }
}
