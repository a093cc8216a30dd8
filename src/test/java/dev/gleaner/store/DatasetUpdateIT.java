package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A page imported again updates its dataset in place (same id, new chunks, file and fields) in the transaction that
 * records the page; two jobs storing the same page never make two datasets.
 */
class DatasetUpdateIT extends DatabaseTest {
    private static final String HOST = "a.test";
    private static final String URL = "https://a.test/p0";
    private static final String KEY = "a.test/p0";

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anUpdateReplacesTheChunksFileAndFieldsOfTheSameDataset(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset first = ingestOnce(stores, kb);
        CrawlJob second = Fixtures.created(stores, kb, 10, List.of(Fixtures.url(HOST, "/p0")));
        Lease lease = claim(stores, "w2", T0.plusSeconds(10));
        Instant later = T0.plusSeconds(20);

        PageResult.Updated update = update(
                first,
                second.id(),
                "sha256:new",
                2,
                later,
                Objects.requireNonNull(first.contentHash()),
                stores.datasets().chunks(first.id()));
        boolean recorded = stores.frontier().complete(lease, update, later);

        Dataset stored = stores.datasets().find(kb.id(), first.id()).orElseThrow();
        assertThat(recorded).isTrue();
        assertThat(stores.datasets().list(kb.id(), 10, 0))
                .extracting(Dataset::id)
                .containsExactly(first.id());
        assertThat(stored.contentHash()).isEqualTo("sha256:new");
        assertThat(stored.jobId()).isEqualTo(second.id());
        assertThat(stored.title()).isEqualTo("Updated title");
        assertThat(stored.chunkCount()).isEqualTo(2);
        assertThat(stored.createdAt()).isEqualTo(first.createdAt());
        assertThat(stored.updatedAt()).isEqualTo(later);
        assertThat(stores.datasets().chunks(first.id()))
                .extracting(Chunk::id)
                .containsExactlyElementsOf(
                        update.chunks().stream().map(c -> c.chunk().id()).toList());
        assertThat(stores.datasets().file(first.id()).orElseThrow().bytes())
                .isEqualTo(update.original().bytes());
        assertThat(Fixtures.rows(stores.database(), "chunks")).isEqualTo(2);
        assertThat(Fixtures.outcomes(stores.database(), second.id())).isEqualTo(Map.of("updated", 1L));
        assertThat(stores.jobs().find(kb.id(), second.id()).orElseThrow().done())
                .isEqualTo(1);
        assertThat(stores.datasets().findBySource(kb.id(), KEY, URL))
                .map(Dataset::id)
                .contains(first.id());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anUpdateOfADatasetThatChangedMeanwhileStoresNothingAndProcessesThePageAgain(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset first = ingestOnce(stores, kb);
        CrawlJob second = Fixtures.created(stores, kb, 10, List.of(Fixtures.url(HOST, "/p0")));
        Lease lease = claim(stores, "w2", T0.plusSeconds(10));

        PageResult.Updated stale = update(
                first,
                second.id(),
                "sha256:new",
                2,
                T0.plusSeconds(20),
                "sha256:other",
                stores.datasets().chunks(first.id()));
        boolean recorded = stores.frontier().complete(lease, stale, T0.plusSeconds(20));

        assertThat(recorded).isTrue();
        assertThat(stores.datasets().find(kb.id(), first.id()).orElseThrow()).isEqualTo(first);
        assertThat(stores.datasets().chunks(first.id())).hasSize(3);
        assertThat(Fixtures.states(stores.database(), second.id())).isEqualTo(Map.of("pending", 1L));
        assertThat(stores.jobs().find(kb.id(), second.id()).orElseThrow().done())
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void twoJobsStoringTheSamePageAtOnceMakeOneDataset(Dialect dialect) throws Exception {
        Stores stores = fresh(dialect);
        Stores otherProcess = Stores.on(databases.sibling(stores.database()));
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        CrawlJob one = Fixtures.created(stores, kb, 10, List.of(Fixtures.url(HOST, "/p0")));
        CrawlJob two = Fixtures.created(stores, kb, 10, List.of(Fixtures.url(HOST, "/p0")));
        List<Lease> leases = stores.frontier().claim("w1", 2, T0, Fixtures.policy(10, 3));
        assertThat(leases).extracting(Lease::jobId).containsExactlyInAnyOrder(one.id(), two.id());

        CyclicBarrier together = new CyclicBarrier(2);
        List<Callable<Boolean>> completions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Stores on = i == 0 ? stores : otherProcess;
            Lease lease = leases.get(i);
            completions.add(() -> {
                together.await(10, TimeUnit.SECONDS);
                return on.frontier().complete(lease, Fixtures.ingested(lease, 2, List.of(), T0), T0);
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Boolean> recorded = new ArrayList<>();
        try {
            for (Future<Boolean> result : threads.invokeAll(completions)) {
                recorded.add(result.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(recorded).containsExactly(true, true);
        assertThat(stores.datasets().list(kb.id(), 10, 0)).hasSize(1);
        assertThat(Fixtures.rows(stores.database(), "chunks")).isEqualTo(2);
        List<String> states =
                new ArrayList<>(Fixtures.states(stores.database(), one.id()).keySet());
        states.addAll(Fixtures.states(stores.database(), two.id()).keySet());
        assertThat(states)
                .as("one job stored the page, the other processes it again")
                .containsExactlyInAnyOrder("done", "pending");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aDatasetStoredBeforeKeysIsFoundByItsUrlAndAnUploadIsNot(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset legacy = withJob(Fixtures.dataset(kb.id(), URL, 0, T0), "job_old");
        Dataset upload = Fixtures.dataset(kb.id(), "https://a.test/upload", 0, T0);
        stores.datasets().insert(legacy, List.of(), Fixtures.original(URL));
        stores.datasets().insert(upload, List.of(), Fixtures.original(URL));

        assertThat(stores.datasets().findBySource(kb.id(), KEY, URL))
                .map(Dataset::id)
                .contains(legacy.id());
        assertThat(stores.datasets().findBySource(kb.id(), "a.test/upload", "https://a.test/upload"))
                .isEmpty();
        assertThat(stores.datasets().findBySource(kb.id(), "a.test/other", "https://a.test/other"))
                .isEmpty();
    }

    /** Ingests {@link #URL} with a first job; returns its stored dataset (3 chunks). */
    private static Dataset ingestOnce(Stores stores, Knowledgebase kb) {
        CrawlJob first = Fixtures.created(stores, kb, 10, List.of(Fixtures.url(HOST, "/p0")));
        Lease lease = claim(stores, "w1", T0);
        assertThat(lease.jobId()).isEqualTo(first.id());
        PageResult.Ingested ingested = Fixtures.ingested(lease, 3, List.of(), T0);
        assertThat(stores.frontier().complete(lease, ingested, T0)).isTrue();
        return stores.datasets().find(kb.id(), ingested.dataset().id()).orElseThrow();
    }

    private static Lease claim(Stores stores, String worker, Instant at) {
        List<Lease> leases = stores.frontier().claim(worker, 1, at, Fixtures.policy(10, 3));
        assertThat(leases).hasSize(1);
        return leases.get(0);
    }

    private static PageResult.Updated update(
            Dataset stored,
            String jobId,
            String newHash,
            int chunkCount,
            Instant at,
            String previousHash,
            List<Chunk> replaced) {
        Dataset changed = stored.toBuilder()
                .jobId(jobId)
                .title("Updated title")
                .size(99)
                .parsed(true)
                .contentHash(newHash)
                .chunkCount(chunkCount)
                .error(null)
                .updatedAt(at)
                .build();
        List<EmbeddedChunk> chunks = Fixtures.chunks(changed, chunkCount);
        return new PageResult.Updated(
                changed,
                KEY,
                previousHash,
                chunks,
                replaced.stream().map(Chunk::id).toList(),
                new dev.gleaner.ingest.StoredFile(
                        "text/html", "<html>new</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                200,
                List.of());
    }

    private static Dataset withJob(Dataset dataset, String jobId) {
        return dataset.toBuilder().jobId(jobId).parsed(true).error(null).build();
    }
}
