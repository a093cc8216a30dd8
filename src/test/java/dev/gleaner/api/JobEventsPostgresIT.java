package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.StoreConfig;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.store.Dialect;
import dev.gleaner.store.TestDatabases;
import dev.gleaner.testapp.EventStream;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes sharing one PostgreSQL database: a job started through one shows up on a job events stream opened on
 * the other, and a token minted by one opens a stream on the other.
 */
class JobEventsPostgresIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path data;

    private TestDatabases databases;
    private TestApp first;
    private TestApp second;
    private TestSite site;

    @BeforeEach
    void start() {
        databases = new TestDatabases(data);
        String url = databases.location(Dialect.POSTGRES).where();
        first = TestApp.start(
                onDatabase(TestApp.config(data.resolve("a")), url), new HashingEmbedder(TestApp.MODEL, 384));
        second = TestApp.start(
                onDatabase(TestApp.config(data.resolve("b")), url), new HashingEmbedder(TestApp.MODEL, 384));
        site = TestSite.withGeneratedSite(20);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        site.close();
        databases.close();
    }

    @Test
    void aJobStartedThroughOneProcessIsStreamedByTheOther() {
        TestApi onFirst = first.newOwner();
        Kb kb = Kb.create(onFirst);
        EventStream stream = EventStream.open(
                second.port(), kb.path() + "/crawl/events", Map.of("Authorization", "Bearer " + onFirst.key()));
        try (stream) {
            assertThat(stream.snapshot(WITHIN))
                    .extracting(EventStream.Event::event)
                    .containsExactly("ready");

            String jobId = kb.crawl(Map.of("url", site.siteUrl().toString()));
            JsonNode event;
            do {
                event = stream.nextEvent(WITHIN).json();
                assertThat(event.path("jobId").asText()).isEqualTo(jobId);
            } while (!event.path("status").asText().equals("completed"));

            assertThat(event).isEqualTo(Kb.asEvent(kb.job(jobId)));
        }
    }

    @Test
    void aTokenMintedByOneProcessOpensAStreamOnTheOther() {
        TestApi onFirst = first.newOwner();
        Kb kb = Kb.create(onFirst);
        String token = onFirst.post(kb.path() + "/crawl/events/token", "")
                .json()
                .path("token")
                .asText();
        String jobId = kb.crawl(Map.of("urls", List.of(site.sitePages().get(0).toString())));
        kb.awaitFinished(jobId, WITHIN);

        try (EventStream stream =
                EventStream.open(second.port(), kb.path() + "/crawl/events?token=" + token, Map.of())) {
            List<EventStream.Event> snapshot = stream.snapshot(WITHIN);
            assertThat(snapshot).extracting(EventStream.Event::event).containsExactly("job", "ready");
            assertThat(snapshot.get(0).json()).isEqualTo(Kb.asEvent(kb.job(jobId)));
        }
    }

    private static GleanerConfig onDatabase(GleanerConfig c, String databaseUrl) {
        return c.withStore(store -> new StoreConfig(store.dataDir(), databaseUrl));
    }
}
