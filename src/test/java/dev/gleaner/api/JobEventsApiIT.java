package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gleaner.config.EventsConfig;
import dev.gleaner.testapp.EventStream;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job events stream ({@code GET …/crawl/events}) and its tokens, against the real application. */
class JobEventsApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final OpenApiContract OURS = OpenApiContract.ours();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private @Nullable TestApp started;

    @SuppressWarnings("NullAway.Init")
    private TestApp app;

    private TestSite site;

    @SuppressWarnings("NullAway.Init")
    private TestApi api;

    private final List<EventStream> streams = new ArrayList<>();

    @BeforeEach
    void start() {
        site = TestSite.withGeneratedSite(40);
    }

    private void startApp(EventsConfig settings) {
        app = TestApp.start(data, config -> config.withEvents(e -> settings));
        started = app;
        api = app.newOwner();
    }

    @AfterEach
    void stop() {
        streams.forEach(EventStream::close);
        if (started != null) {
            started.close();
        }
        site.close();
    }

    @Test
    void aStreamStartsWithRetryThenEveryJobNewestFirstThenReady() {
        startApp(EventsConfig.defaults());
        Kb kb = Kb.create(api);
        String first = kb.crawl(Map.of("urls", List.of(site.sitePages().get(0).toString())));
        kb.awaitFinished(first, WITHIN);
        String second = kb.crawl(Map.of("urls", List.of(site.sitePages().get(1).toString())));
        kb.awaitFinished(second, WITHIN);

        EventStream stream = open(kb, Map.of("Authorization", "Bearer " + api.key()));
        List<EventStream.Event> snapshot = stream.snapshot(WITHIN);

        assertThat(stream.lines().get(0)).isEqualTo("retry: 3000");
        assertThat(snapshot).extracting(EventStream.Event::event).containsExactly("job", "job", "ready");
        assertThat(snapshot.get(0).json().path("jobId").asText()).isEqualTo(second);
        assertThat(snapshot.get(1).json().path("jobId").asText()).isEqualTo(first);
        assertThat(snapshot.get(0).json()).isEqualTo(Kb.asEvent(kb.job(second)));
        assertThat(snapshot.get(1).json()).isEqualTo(Kb.asEvent(kb.job(first)));
        OURS.assertSchema("Job", snapshot.get(0).data().getBytes(StandardCharsets.UTF_8));
        assertThat(snapshot.get(0).id()).isNotBlank();
        assertThat(snapshot.get(2).data()).isEqualTo("{}");
    }

    @Test
    void liveEventsFollowACrawlToCompletedWithTheExactFinalCounts() {
        startApp(EventsConfig.defaults());
        Kb kb = Kb.create(api);
        EventStream stream = open(kb, Map.of("Authorization", "Bearer " + api.key()));
        assertThat(stream.snapshot(WITHIN)).extracting(EventStream.Event::event).containsExactly("ready");

        String jobId = kb.crawl(Map.of("url", site.siteUrl().toString()));
        List<JsonNode> seen = new ArrayList<>();
        JsonNode last;
        do {
            EventStream.Event event = stream.nextEvent(WITHIN);
            assertThat(event.event()).isEqualTo("job");
            last = event.json();
            assertThat(last.path("jobId").asText()).isEqualTo(jobId);
            seen.add(last);
        } while (!last.path("status").asText().equals("completed"));

        JsonNode stored = Kb.asEvent(kb.job(jobId));
        assertThat(last).isEqualTo(stored);
        assertThat(last.path("done").asLong())
                .isEqualTo(stored.path("total").asLong())
                .isPositive();
        List<Long> done = seen.stream().map(job -> job.path("done").asLong()).toList();
        assertThat(done).isSorted();
        assertThat(seen.size())
                .as("progress arrives while the job runs, not only at its end")
                .isGreaterThan(1);
    }

    @Test
    void aClientResumingWithLastEventIdGetsTheChangesMadeWhileItWasAway() {
        startApp(EventsConfig.defaults());
        Kb kb = Kb.create(api);
        String first = kb.crawl(Map.of("urls", List.of(site.sitePages().get(0).toString())));
        kb.awaitFinished(first, WITHIN);
        EventStream stream = open(kb, Map.of("Authorization", "Bearer " + api.key()));
        List<EventStream.Event> snapshot = stream.snapshot(WITHIN);
        String lastId = snapshot.get(snapshot.size() - 1).id();
        assertThat(lastId).isNotNull();
        stream.close();

        String whileAway =
                kb.crawl(Map.of("urls", List.of(site.sitePages().get(2).toString())));
        JsonNode finished = awaitFinishedEvent(kb, whileAway, WITHIN);

        EventStream byHeader = open(kb, Map.of("Authorization", "Bearer " + api.key(), "Last-Event-ID", lastId));
        assertThat(jobsOf(byHeader.snapshot(WITHIN))).contains(finished);
        EventStream byQuery = open(kb, "?lastEventId=" + lastId, Map.of("Authorization", "Bearer " + api.key()));
        assertThat(jobsOf(byQuery.snapshot(WITHIN))).contains(finished);
    }

    @Test
    void aMalformedCursorMeansAFullSnapshot() {
        startApp(EventsConfig.defaults());
        Kb kb = Kb.create(api);
        String first = kb.crawl(Map.of("urls", List.of(site.sitePages().get(0).toString())));
        JsonNode finished = awaitFinishedEvent(kb, first, WITHIN);

        EventStream stream = open(kb, Map.of("Authorization", "Bearer " + api.key(), "Last-Event-ID", "not-a-cursor"));

        assertThat(jobsOf(stream.snapshot(WITHIN))).containsExactly(finished);
    }

    @Test
    void aMintedTokenOpensTheStreamOfItsKnowledgebaseOnly() {
        startApp(EventsConfig.defaults());
        Kb kb = Kb.create(api);
        Kb other = Kb.create(api);
        TestApi.Response minted = api.post(kb.path() + "/crawl/events/token", "");
        assertThat(minted.status()).as(minted.text()).isEqualTo(201);
        String token = minted.json().path("token").asText();
        assertThat(token).startsWith("evt_");
        assertThat(minted.json().path("expiresAt").asText()).isNotBlank();

        EventStream stream = open(kb, "?token=" + token, Map.of());
        assertThat(stream.snapshot(WITHIN)).extracting(EventStream.Event::event).containsExactly("ready");
        assertRefused(other, "?token=" + token, Map.of(), 401);
    }

    @Test
    void anExpiredTokenIsRefusedButItsOpenStreamStaysOpen() {
        startApp(new EventsConfig(Duration.ofMillis(200), Duration.ofMillis(300), 100, Duration.ofSeconds(1)));
        Kb kb = Kb.create(api);
        String token = api.post(kb.path() + "/crawl/events/token", "")
                .json()
                .path("token")
                .asText();
        EventStream stream = open(kb, "?token=" + token, Map.of());
        stream.snapshot(WITHIN);

        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertRefused(kb, "?token=" + token, Map.of(), 401));
        String jobId = kb.crawl(Map.of("urls", List.of(site.sitePages().get(0).toString())));
        JsonNode event;
        do {
            event = stream.nextEvent(WITHIN).json();
        } while (!event.path("status").asText().equals("completed"));
        assertThat(event.path("jobId").asText()).isEqualTo(jobId);
    }

    @Test
    void withoutValidCredentialsTheAnswerIsA401JsonErrorAndNoStream() {
        startApp(EventsConfig.defaults());
        Kb kb = Kb.create(api);

        assertRefused(kb, "", Map.of(), 401);
        assertRefused(kb, "?key=" + api.key(), Map.of(), 401);
        assertRefused(kb, "?token=" + api.key(), Map.of(), 401);
        assertRefused(kb, "?token=evt_0123456789abcdef", Map.of(), 401);
        assertRefused(kb, "", Map.of("Authorization", "Bearer dk_unknown"), 401);
    }

    @Test
    void aForeignOrUnknownKnowledgebaseIsA404() {
        startApp(EventsConfig.defaults());
        Kb kb = Kb.create(api);
        TestApi stranger = app.newOwner();

        assertRefused(kb, "", Map.of("Authorization", "Bearer " + stranger.key()), 404);
        assertThat(stranger.post(kb.path() + "/crawl/events/token", "").status())
                .isEqualTo(404);
        Kb unknown = new Kb(api, kb.projectId(), "kb_unknown");
        assertRefused(unknown, "", Map.of("Authorization", "Bearer " + api.key()), 404);
    }

    @Test
    void aSilentStreamSendsHeartbeats() {
        startApp(new EventsConfig(Duration.ofMillis(200), Duration.ofMillis(300), 100, Duration.ofSeconds(60)));
        Kb kb = Kb.create(api);
        EventStream stream = open(kb, Map.of("Authorization", "Bearer " + api.key()));
        stream.snapshot(WITHIN);

        EventStream.Event heartbeat = stream.next(WITHIN);

        assertThat(heartbeat.event()).isEqualTo(":");
        assertThat(heartbeat.data()).isEqualTo("keep-alive");
        assertThat(stream.lines()).contains(": keep-alive");
    }

    @Test
    void aClientThatHangsUpFreesItsStream() {
        startApp(new EventsConfig(Duration.ofMillis(200), Duration.ofMillis(300), 100, Duration.ofSeconds(60)));
        Kb kb = Kb.create(api);
        EventStream first = open(kb, Map.of("Authorization", "Bearer " + api.key()));
        EventStream second = open(kb, Map.of("Authorization", "Bearer " + api.key()));
        first.snapshot(WITHIN);
        second.snapshot(WITHIN);
        assertThat(openStreams()).isEqualTo(2);

        first.close();
        second.close();

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> openStreams() == 0);
    }

    @Test
    void streamsBeyondTheLimitAreRefusedWith503() {
        startApp(new EventsConfig(Duration.ofMillis(200), Duration.ofSeconds(15), 1, Duration.ofSeconds(60)));
        Kb kb = Kb.create(api);
        open(kb, Map.of("Authorization", "Bearer " + api.key())).snapshot(WITHIN);

        assertRefused(kb, "", Map.of("Authorization", "Bearer " + api.key()), 503);
    }

    @Test
    void deletingTheKnowledgebaseEndsItsStreams() {
        startApp(new EventsConfig(Duration.ofMillis(200), Duration.ofMillis(300), 100, Duration.ofSeconds(60)));
        Kb kb = Kb.create(api);
        EventStream stream = open(kb, Map.of("Authorization", "Bearer " + api.key()));
        stream.snapshot(WITHIN);

        assertThat(api.delete(kb.path()).status()).isIn(200, 204);

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(stream::ended);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> openStreams() == 0);
    }

    private EventStream open(Kb kb, Map<String, String> headers) {
        return open(kb, "", headers);
    }

    private EventStream open(Kb kb, String query, Map<String, String> headers) {
        EventStream stream = EventStream.open(app.port(), kb.path() + "/crawl/events" + query, headers);
        streams.add(stream);
        return stream;
    }

    private void assertRefused(Kb kb, String query, Map<String, String> headers, int status) {
        String path = kb.path() + "/crawl/events" + query;
        HttpResponse<Stream<String>> response = EventStream.request(app.port(), path, headers);
        String body;
        try (Stream<String> lines = response.body()) {
            // A stream that opened never ends: hang up instead of reading it.
            assertThat(response.statusCode()).isNotEqualTo(200);
            body = lines.collect(Collectors.joining("\n"));
        }
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        String type = response.headers().firstValue("Content-Type").orElse(null);
        OURS.assertResponse("GET", path, status, type, body);
        assertThat(readTree(body).path("error").path("code").asText()).isNotBlank();
    }

    private int openStreams() {
        String metrics = app.anonymous().get("/metrics").text();
        return metrics.lines()
                .filter(line -> line.startsWith("gleaner_event_streams_open "))
                .map(line -> (int)
                        Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip()))
                .findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> jobsOf(List<EventStream.Event> events) {
        return events.stream()
                .filter(event -> event.event().equals("job"))
                .map(EventStream.Event::json)
                .toList();
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The finished job as events carry it (without the read's {@code indexPosition}). */
    private static JsonNode awaitFinishedEvent(Kb kb, String jobId, java.time.Duration within) {
        return Kb.asEvent(kb.awaitFinished(jobId, within));
    }
}
