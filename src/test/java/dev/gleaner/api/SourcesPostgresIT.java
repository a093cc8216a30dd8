package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.StoreConfig;
import dev.gleaner.store.Dialect;
import dev.gleaner.store.TestDatabases;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes sharing one PostgreSQL database, both running workers and so both polling for due sources on the same
 * clock: each due time of a source is synced exactly once between them.
 */
class SourcesPostgresIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration INTERVAL = Duration.ofMinutes(15);

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private TestDatabases databases;
    private TestApp first;
    private TestApp second;
    private TestSite site;

    @BeforeEach
    void start() {
        databases = new TestDatabases(data);
        String url = databases.location(Dialect.POSTGRES).where();
        first = TestApp.start(onDatabase(TestApp.config(data.resolve("a")), url), clock);
        second = TestApp.start(onDatabase(TestApp.config(data.resolve("b")), url), clock);
        site = TestSite.withGeneratedSite(2);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        site.close();
        databases.close();
    }

    @Test
    void eachDueTimeIsSyncedOnceByOneOfTheProcesses() {
        TestApi api = first.newOwner();
        Kb kb = Kb.create(api);
        TestApi.Response created = api.post(
                kb.path() + "/sources",
                Map.of(
                        "request",
                        Map.of("urls", List.of(site.sitePages().get(0).toString())),
                        "schedule",
                        Map.of("every", "PT15M")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("id").asText();

        for (int round = 1; round <= 3; round++) {
            int expected = round;
            clock.advance(INTERVAL);
            await().atMost(WITHIN).until(() -> syncs(kb, id).size() == expected);
            await().during(QUIET).atMost(WITHIN).until(() -> syncs(kb, id).size() == expected);
            kb.awaitFinished(syncs(kb, id).get(0), WITHIN);
            Instant next = Instant.parse("2026-12-06T10:00:00Z").plus(INTERVAL.multipliedBy(round + 1L));
            await().atMost(WITHIN)
                    .until(() -> next.equals(Instant.parse(api.get(kb.path() + "/sources/" + id)
                            .json()
                            .path("nextRunAt")
                            .asText())));
        }
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

    private static GleanerConfig onDatabase(GleanerConfig c, String databaseUrl) {
        return c.withStore(store -> new StoreConfig(store.dataDir(), databaseUrl));
    }
}
