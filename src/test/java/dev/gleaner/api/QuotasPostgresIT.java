package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.LimitsConfig;
import dev.gleaner.config.StoreConfig;
import dev.gleaner.store.Dialect;
import dev.gleaner.store.TestDatabases;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes sharing one PostgreSQL database enforce one daily quota and one limit of unfinished jobs per owner:
 * what one process charged counts on the other.
 */
class QuotasPostgresIT {
    private static final LimitsConfig LIMITS = LimitsConfig.none().withOwnerLimits(0, 1, 0, 100);

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-10T23:00:00Z"));
    private TestDatabases databases;
    private TestApp first;
    private TestApp second;

    @BeforeEach
    void start() {
        databases = new TestDatabases(data);
        String url = databases.location(Dialect.POSTGRES).where();
        first = TestApp.start(onDatabase(TestApp.config(data.resolve("a")), url), clock);
        second = TestApp.start(onDatabase(TestApp.config(data.resolve("b")), url), clock);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        databases.close();
    }

    @Test
    void theDailyUploadQuotaIsSharedByBothProcesses() {
        TestApi onFirst = first.newOwner();
        Kb kb = Kb.create(onFirst);
        TestApi onSecond = TestApi.forPort(second.port(), onFirst.key());
        assertThat(upload(onFirst, kb, 70).status()).isEqualTo(201);

        TestApi.Response refused = upload(onSecond, kb, 40);

        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("3600");
        assertThat(upload(onSecond, kb, 30).status()).isEqualTo(201);
        assertThat(upload(onFirst, kb, 1).status()).isEqualTo(429);

        clock.advance(Duration.ofHours(1));
        assertThat(upload(onSecond, kb, 100).status()).isEqualTo(201);
        assertThat(kb.datasets()).hasSize(3);
    }

    @Test
    void theLimitOfUnfinishedJobsIsSharedByBothProcesses() {
        TestApi onFirst = first.newOwner();
        Kb kb = Kb.create(onFirst);
        TestApi onSecond = TestApi.forPort(second.port(), onFirst.key());
        // A page no process can fetch soon: the crawl stays unfinished while the test looks.
        Map<String, Object> crawl = Map.of("mode", "batch", "urls", List.of("http://127.0.0.1:9/never"));
        kb.crawl(crawl);

        TestApi.Response refused = onSecond.post(kb.path() + "/crawl", crawl);

        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(kb.jobs()).hasSize(1);
    }

    private static TestApi.Response upload(TestApi api, Kb kb, int bytes) {
        byte[] text = "y".repeat(bytes).getBytes(StandardCharsets.UTF_8);
        return api.upload(kb.path() + "/datasets", "dataset", "notes.txt", "text/plain", text);
    }

    private static GleanerConfig onDatabase(GleanerConfig c, String url) {
        return c.withStore(store -> new StoreConfig(store.dataDir(), url)).withLimits(limits -> LIMITS);
    }
}
