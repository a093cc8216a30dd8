package dev.gleaner.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.Ids;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlCatalogStore;
import dev.gleaner.store.SqlFrontier;
import dev.gleaner.store.SqlJobStore;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing stays "in progress" forever, and the search index is a projection rebuilt from the store. */
class RecoveryIT {
    @TempDir
    Path data;

    @Test
    void aUrlWhoseWorkerDiedIsTakenOverWhenItsLeaseExpires() {
        try (TestSite site = TestSite.withGeneratedSite(3)) {
            String owner = "owner_recovery";
            String kbId;
            String projectId;
            String jobId = Ids.next("job");
            // A worker of another process claims the job's only URL and dies without completing it.
            try (Database database = Database.sqlite(data.resolve("gleaner.db"));
                    LuceneIndex index = LuceneIndex.inMemory()) {
                Catalog catalog = new Catalog(
                        new SqlCatalogStore(database), index, Set.of(TestApp.MODEL), "lucene", Clock.systemUTC());
                projectId = catalog.createProject(owner, "p").id();
                Knowledgebase kb = catalog.createKnowledgebase(
                        owner, projectId, new NewKnowledgebase("kb", "lucene", TestApp.MODEL, 500, 50));
                kbId = kb.id();
                Instant now = Instant.now();
                CrawlSpec spec = new CrawlSpec(
                        JobMode.BATCH, null, 10, 10, List.of(), List.of(), false, false, SitemapPolicy.SKIP, false);
                String url = site.url(GeneratedSite.path(1)).toString();
                new SqlJobStore(database)
                        .create(
                                CrawlJob.queued(jobId, projectId, kbId, spec, now),
                                List.of(FoundUrl.candidate(url, url, "127.0.0.1", 0)));
                List<Lease> leases = new SqlFrontier(database)
                        .claim(
                                "worker_that_dies",
                                10,
                                now,
                                new ClaimPolicy(Duration.ofSeconds(2), 2, 3, Duration.ZERO));
                assertThat(leases).hasSize(1);
            }

            try (TestApp app = TestApp.start(data)) {
                TestApi api = app.clientOf(owner);
                JsonNode job = new Kb(api, projectId, kbId).awaitFinished(jobId, Duration.ofSeconds(30));
                assertThat(job.path("status").asText()).isEqualTo("completed");
                assertThat(job.path("done").asLong()).isEqualTo(1);
                assertThat(site.hits(GeneratedSite.path(1))).isEqualTo(1);
            }
        }
    }

    @Test
    void aLostSearchIndexIsRebuiltFromTheStoreOnStart() throws Exception {
        try (TestSite site = TestSite.withGeneratedSite(8)) {
            String ownerKey;
            Kb kb;
            String sentence = site.site().paragraphs(5).getLast();
            try (TestApp app = TestApp.start(data)) {
                TestApi api = app.newOwner();
                ownerKey = java.util.Objects.requireNonNull(api.key());
                kb = Kb.create(api);
                kb.awaitFinished(kb.crawl(Map.of("url", site.siteUrl().toString())), Duration.ofSeconds(60));
                assertThat(kb.query(sentence, 1, 0.0)).hasSize(1);
            }
            try (var files = java.nio.file.Files.walk(data.resolve("index"))) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }

            try (TestApp app = TestApp.start(data)) {
                Kb again = new Kb(app.anonymous().withKey(ownerKey), kb.projectId(), kb.id());
                JsonNode hits = again.query(sentence, 1, 0.0);
                assertThat(hits).hasSize(1);
                assertThat(hits.get(0).path("sourceUrl").asText())
                        .isEqualTo(site.url(GeneratedSite.path(5)).toString());
            }
        }
    }
}
