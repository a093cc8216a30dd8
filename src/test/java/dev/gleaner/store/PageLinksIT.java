package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static dev.gleaner.store.Fixtures.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.PageValidators;
import dev.gleaner.jobs.Lease;
import dev.gleaner.jobs.PageOutcome;
import dev.gleaner.jobs.PageResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The links of the page version a crawled dataset holds are recorded with it: stored when the page is ingested, kept
 * when a 304 confirms the version, replaced when the page is read again in full (same text or new), gone with the
 * dataset, and never invented for a dataset stored without them.
 */
class PageLinksIT extends DatabaseTest {
    private static final String HOST = "a.test";
    private static final List<String> FIRST_LINKS =
            List.of("https://a.test/guide/install", "https://a.test/guide/ünïcode?x=1&y=2", "https://b.test/");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anIngestedPageKeepsItsLinksWhileA304ConfirmsItsVersion(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset stored = ingest(stores, kb, new PageValidators("\"v1\"", null, T0, FIRST_LINKS));

        complete(stores, kb, T0.plusSeconds(10), id -> settled(id, new PageValidators("\"v1\"", null, T0, null)));

        assertThat(stores.datasets().pageLinks(stored.id())).contains(FIRST_LINKS);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aPageReadAgainInFullWithTheSameTextRecordsItsNewLinks(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset stored = ingest(stores, kb, new PageValidators("\"v1\"", null, T0, FIRST_LINKS));
        List<String> now = List.of("https://a.test/guide/moved");

        complete(stores, kb, T0.plusSeconds(10), id -> settled(id, new PageValidators("\"v2\"", null, T0, now)));

        assertThat(stores.datasets().pageLinks(stored.id())).contains(now);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anUpdatedPageRecordsTheLinksOfItsNewVersionAndANofollowPageRecordsNone(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset stored = ingest(stores, kb, new PageValidators("\"v1\"", null, T0, FIRST_LINKS));

        complete(stores, kb, T0.plusSeconds(10), id -> {
            Dataset changed = stored.toBuilder()
                    .contentHash("sha256:new")
                    .updatedAt(T0.plusSeconds(10))
                    .validators(new PageValidators("\"v2\"", null, T0.plusSeconds(10), List.of()))
                    .build();
            return new PageResult.Updated(
                    changed,
                    HOST + "/p0",
                    Objects.requireNonNull(stored.contentHash()),
                    Fixtures.chunks(changed, 1),
                    List.of(),
                    Fixtures.original("https://a.test/p0"),
                    200,
                    List.of());
        });

        assertThat(stores.datasets().pageLinks(stored.id())).contains(List.of());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aDatasetStoredWithoutLinksHasNoneAndADeletedOneLosesThem(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset withoutLinks = ingest(stores, kb, new PageValidators("\"v1\"", null, T0));
        Dataset other = ingestAt(stores, kb, "/p1", new PageValidators("\"v1\"", null, T0, FIRST_LINKS));

        boolean deleted = stores.datasets().delete(kb.id(), other.id());

        assertThat(stores.datasets().pageLinks(withoutLinks.id())).isEmpty();
        assertThat(deleted).isTrue();
        assertThat(stores.datasets().pageLinks(other.id())).isEmpty();
        assertThat(stores.datasets().pageLinks("dataset_none")).isEmpty();
    }

    private static PageResult settled(String datasetId, PageValidators validators) {
        return new PageResult.Settled(PageOutcome.UNCHANGED, "Unchanged", 200, List.of(), datasetId, validators);
    }

    private static Dataset ingest(Stores stores, Knowledgebase kb, PageValidators validators) {
        return ingestAt(stores, kb, "/p0", validators);
    }

    /** Crawls {@code path} of {@link #HOST} in a job of its own, ingesting it with {@code validators}. */
    private static Dataset ingestAt(Stores stores, Knowledgebase kb, String path, PageValidators validators) {
        Fixtures.created(stores, kb, 10, List.of(url(HOST, path)));
        Lease lease = claim(stores, T0);
        PageResult.Ingested ingested = Fixtures.ingested(lease, 2, T0, validators);
        assertThat(stores.frontier().complete(lease, ingested, T0)).isTrue();
        return stores.datasets().find(kb.id(), ingested.dataset().id()).orElseThrow();
    }

    /** Crawls https://a.test/p0 again in a new job, completing it with {@code result} (given the dataset's id). */
    private static void complete(
            Stores stores, Knowledgebase kb, Instant at, java.util.function.Function<String, PageResult> result) {
        String datasetId = stores.datasets().list(kb.id(), 1, 0).get(0).id();
        Fixtures.created(stores, kb, 10, List.of(url(HOST, "/p0")));
        Lease again = claim(stores, at);
        assertThat(stores.frontier().complete(again, result.apply(datasetId), at.plusSeconds(1)))
                .isTrue();
    }

    private static Lease claim(Stores stores, Instant at) {
        List<Lease> leases = stores.frontier().claim("w1", 1, at, Fixtures.policy(10, 3));
        assertThat(leases).hasSize(1);
        return leases.get(0);
    }
}
