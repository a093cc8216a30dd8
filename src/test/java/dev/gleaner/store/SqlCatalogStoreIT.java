package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.Project;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.Lease;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlCatalogStoreIT extends DatabaseTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void projectsAreSeenOnlyByTheirOwnerNewestFirst(Dialect dialect) {
        Stores stores = fresh(dialect);
        Project older = Fixtures.project(stores, "owner_a", T0);
        Project newer = Fixtures.project(stores, "owner_a", T0.plusSeconds(1));
        Project foreign = Fixtures.project(stores, "owner_b", T0);

        assertThat(stores.catalog().listProjects("owner_a")).containsExactly(newer, older);
        assertThat(stores.catalog().findProject("owner_a", older.id())).contains(older);
        assertThat(stores.catalog().findProject("owner_a", foreign.id())).isEmpty();
        assertThat(stores.catalog().listProjects("owner_c")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void knowledgebasesAreListedNewestFirstWithTheirDatasetAndChunkCounts(Dialect dialect) {
        Stores stores = fresh(dialect);
        Project project = Fixtures.project(stores, "owner_a", T0);
        Knowledgebase older = Fixtures.knowledgebase(stores, project, T0);
        Knowledgebase newer = Fixtures.knowledgebase(stores, project, T0.plusSeconds(1));
        insertDataset(stores, older, 3);
        insertDataset(stores, older, 2);

        List<Knowledgebase> listed = stores.catalog().listKnowledgebases(project.id());

        assertThat(listed).extracting(Knowledgebase::id).containsExactly(newer.id(), older.id());
        assertThat(listed.get(1).datasetCount()).isEqualTo(2);
        assertThat(listed.get(1).chunkCount()).isEqualTo(5);
        assertThat(listed.get(0).datasetCount()).isZero();
        assertThat(stores.catalog().findKnowledgebase(project.id(), older.id()))
                .hasValueSatisfying(kb -> assertThat(kb.chunkCount()).isEqualTo(5));
        assertThat(stores.catalog().findKnowledgebase("proj_other", older.id())).isEmpty();
        assertThat(stores.catalog().knowledgebaseIds(project.id())).containsExactlyInAnyOrder(older.id(), newer.id());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void renamingChangesOnlyTheNameAndTheUpdateTime(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Instant later = T0.plusSeconds(60);

        Knowledgebase renamed = stores.catalog().renameKnowledgebase(kb.id(), "Handbook", later);

        Knowledgebase expected = new Knowledgebase(
                kb.id(),
                kb.projectId(),
                "Handbook",
                kb.type(),
                kb.embeddingModelName(),
                kb.chunkSize(),
                kb.chunkOverlap(),
                kb.createdAt(),
                later,
                0,
                0);
        assertThat(renamed).isEqualTo(expected);
        assertThat(stores.catalog().findKnowledgebase(kb.projectId(), kb.id())).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void deletingAKnowledgebaseDeletesEveryRowBelowItAndNothingElse(Dialect dialect) {
        Stores stores = fresh(dialect);
        Project project = Fixtures.project(stores, "owner_a", T0);
        Knowledgebase doomed = Fixtures.knowledgebase(stores, project, T0);
        Knowledgebase kept = Fixtures.knowledgebase(stores, project, T0);
        Lease lease = populate(stores, doomed);
        populate(stores, kept);

        stores.catalog().deleteKnowledgebase(doomed.id());

        assertThat(stores.catalog().findKnowledgebase(project.id(), doomed.id()))
                .isEmpty();
        assertThat(stores.jobs().list(doomed.id())).isEmpty();
        assertThat(stores.jobs().list(kept.id())).hasSize(1);
        assertThat(stores.datasets().list(doomed.id(), 10, 0)).isEmpty();
        assertRowCounts(stores, 1, 3, 2);
        assertThat(stores.frontier().complete(lease, Fixtures.ingested(lease, 1, List.of(), T0), T0))
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void deletingAProjectDeletesEveryRowBelowItAndNothingElse(Dialect dialect) {
        Stores stores = fresh(dialect);
        Project doomed = Fixtures.project(stores, "owner_a", T0);
        Project kept = Fixtures.project(stores, "owner_a", T0);
        populate(stores, Fixtures.knowledgebase(stores, doomed, T0));
        populate(stores, Fixtures.knowledgebase(stores, doomed, T0));
        populate(stores, Fixtures.knowledgebase(stores, kept, T0));

        stores.catalog().deleteProject(doomed.id());

        assertThat(stores.catalog().listProjects("owner_a")).containsExactly(kept);
        assertThat(stores.catalog().knowledgebaseIds(doomed.id())).isEmpty();
        assertThat(Fixtures.rows(stores.database(), "knowledgebases")).isEqualTo(1);
        assertThat(Fixtures.rows(stores.database(), "jobs")).isEqualTo(1);
        assertRowCounts(stores, 1, 3, 2);
    }

    /** What is left: datasets (and files), frontier rows, chunks. */
    private static void assertRowCounts(Stores stores, long datasets, long frontier, long chunks) {
        assertThat(Fixtures.rows(stores.database(), "datasets")).isEqualTo(datasets);
        assertThat(Fixtures.rows(stores.database(), "dataset_files")).isEqualTo(datasets);
        assertThat(Fixtures.rows(stores.database(), "frontier")).isEqualTo(frontier);
        assertThat(Fixtures.rows(stores.database(), "chunks")).isEqualTo(chunks);
        assertThat(stores.datasets().chunkCount()).isEqualTo(chunks);
    }

    /**
     * Gives the knowledgebase a job with three URLs, all claimed: one done with a two-chunk dataset, two still leased;
     * returns one of the live leases.
     */
    private static Lease populate(Stores stores, Knowledgebase kb) {
        CrawlJob job = Fixtures.created(stores, kb, 10, Fixtures.urls("site-" + kb.id() + ".test", 3));
        List<Lease> leases = stores.frontier().claim("w1", 100, T0, Fixtures.policy(10, 3)).stream()
                .filter(lease -> lease.jobId().equals(job.id()))
                .toList();
        assertThat(leases).hasSize(3);
        assertThat(stores.frontier().complete(leases.get(0), Fixtures.ingested(leases.get(0), 2, List.of(), T0), T0))
                .isTrue();
        return leases.get(1);
    }

    private static void insertDataset(Stores stores, Knowledgebase kb, int chunks) {
        var result = Fixtures.ingested(kb.id(), "https://site-a.test/" + chunks, chunks, List.of(), T0);
        stores.datasets().insert(result.dataset(), result.chunks(), result.original());
    }
}
