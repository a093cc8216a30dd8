package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.jobs.Lease;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code findBySources} answers for many keys what {@code findBySource} answers for each: keyed datasets, the oldest
 * legacy dataset (no key, crawled) of a key's URL, nothing for an upload's URL or a key without a dataset, and a keyed
 * dataset before a legacy one of the same URL, over more keys than one query takes.
 */
class DatasetsBySourceIT extends DatabaseTest {
    private static final String HOST = "a.test";
    private static final int PAGES = 3;
    private static final int MISSING = 2 * DatasetsBySource.BATCH + 7;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theBatchedLookupFindsWhatEachLookupFinds(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Map<String, String> crawled = crawl(stores, kb);
        Dataset oldest = legacy(stores, kb, "https://a.test/old", T0);
        legacy(stores, kb, "https://a.test/old", T0.plusSeconds(1));
        legacy(stores, kb, "https://a.test/p0", T0.minusSeconds(60));
        stores.datasets()
                .insert(
                        Fixtures.dataset(kb.id(), "https://a.test/upload", 0, T0),
                        List.of(),
                        Fixtures.original("https://a.test/upload"));
        Map<String, String> urlByKey = new LinkedHashMap<>();
        for (int i = 0; i < MISSING; i++) {
            urlByKey.put(HOST + "/missing" + i, "https://a.test/missing" + i);
        }
        for (int i = 0; i < PAGES; i++) {
            urlByKey.put("https://a.test/p" + i, "https://a.test/p" + i);
        }
        urlByKey.put(HOST + "/old", "https://a.test/old");
        urlByKey.put(HOST + "/upload", "https://a.test/upload");

        Map<String, Dataset> batched = stores.datasets().findBySources(kb.id(), urlByKey);

        Map<String, Dataset> oneByOne = new HashMap<>();
        urlByKey.forEach((key, url) ->
                stores.datasets().findBySource(kb.id(), key, url).ifPresent(found -> oneByOne.put(key, found)));
        assertThat(batched).isEqualTo(oneByOne);
        Map<String, String> expected = new HashMap<>(crawled);
        expected.put(HOST + "/old", oldest.id());
        assertThat(batched)
                .as("keyed pages, the oldest legacy dataset of /old; no upload, no missing key")
                .hasSize(PAGES + 1);
        batched.forEach((key, dataset) -> assertThat(dataset.id()).as(key).isEqualTo(expected.get(key)));
        assertThat(stores.datasets().findBySources(kb.id(), Map.of())).isEmpty();
    }

    /** Crawls /p0, /p1, … with one job; the ids of their (keyed) datasets by source key. */
    private static Map<String, String> crawl(Stores stores, Knowledgebase kb) {
        Fixtures.created(stores, kb, 10, Fixtures.urls(HOST, PAGES));
        Map<String, String> ids = new HashMap<>();
        for (Lease lease : stores.frontier().claim("w1", PAGES, T0, Fixtures.policy(10, 3))) {
            stores.frontier().complete(lease, Fixtures.ingested(lease, 1, List.of(), T0), T0);
            // Fixtures.ingested stores the page under its URL as its source key.
            ids.put(
                    lease.url(),
                    stores.datasets()
                            .findBySource(kb.id(), lease.url(), lease.url())
                            .orElseThrow()
                            .id());
        }
        assertThat(ids).hasSize(PAGES);
        return ids;
    }

    /** A crawled dataset stored before datasets had keys. */
    private static Dataset legacy(Stores stores, Knowledgebase kb, String url, java.time.Instant at) {
        Dataset dataset = Fixtures.dataset(kb.id(), url, 0, at).toBuilder()
                .jobId("job_old")
                .parsed(true)
                .build();
        stores.datasets().insert(dataset, List.of(), Fixtures.original(url));
        return dataset;
    }
}
