package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.Project;
import dev.gleaner.index.IndexChange;
import dev.gleaner.index.IndexChange.Kind;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlChangeFeedIT extends DatabaseTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void everyChunkChangingWriteAppendsItsChangeInOrder(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlChangeFeed feed = new SqlChangeFeed(stores.database());
        Project project = Fixtures.project(stores, "owner_1", T0);
        Knowledgebase kb = Fixtures.knowledgebase(stores, project, T0);
        Knowledgebase other = Fixtures.knowledgebase(stores, project, T0);
        assertThat(feed.head()).isZero();

        Dataset first = insert(stores, kb, "https://a.test/1");
        Dataset second = insert(stores, other, "https://a.test/2");
        String chunkId = stores.datasets().chunks(first.id()).get(0).id();
        stores.datasets().setChunkEnabled(first.id(), chunkId, false);
        stores.datasets().setChunkEnabled(first.id(), "chunk_unknown", false);
        stores.datasets().delete(kb.id(), first.id());
        stores.datasets().delete(kb.id(), "dataset_unknown");
        stores.catalog().deleteProject(project.id());

        List<IndexChange> changes = feed.after(0, 100);
        assertThat(changes).extracting(IndexChange::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(changes)
                .extracting(IndexChange::kind, IndexChange::knowledgebaseId, IndexChange::datasetId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.DATASET, kb.id(), first.id()),
                        org.assertj.core.groups.Tuple.tuple(Kind.DATASET, other.id(), second.id()),
                        org.assertj.core.groups.Tuple.tuple(Kind.DATASET, kb.id(), first.id()),
                        org.assertj.core.groups.Tuple.tuple(Kind.DATASET, kb.id(), first.id()),
                        org.assertj.core.groups.Tuple.tuple(
                                Kind.KNOWLEDGEBASE_DELETED, sorted(kb, other).get(0), null),
                        org.assertj.core.groups.Tuple.tuple(
                                Kind.KNOWLEDGEBASE_DELETED, sorted(kb, other).get(1), null));
        assertThat(feed.head()).isEqualTo(6);
        assertThat(feed.after(4, 1)).extracting(IndexChange::position).containsExactly(5L);
        assertThat(feed.chunkStates(second.id())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aFollowerReadingWhileManyTransactionsCommitSeesEveryPositionOnceAndInOrder(Dialect dialect) throws Exception {
        Stores stores = fresh(dialect);
        SqlChangeFeed feed = new SqlChangeFeed(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        int writers = 6;
        int perWriter = 40;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> seen = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers + 1)) {
            Future<?> reader = pool.submit(() -> {
                long position = 0;
                // Reads as a follower does, by position, while the writers commit; stops once they are done and it
                // has read everything.
                while (writing.get() || position < feed.head()) {
                    for (IndexChange change : feed.after(position, 7)) {
                        seen.add(change.position());
                        position = change.position();
                    }
                }
                return null;
            });
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        insert(stores, kb, "https://w" + writer + ".test/" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            writing.set(false);
            reader.get();
        }
        long total = (long) writers * perWriter;
        assertThat(feed.head()).isEqualTo(total);
        assertThat(seen)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, total).boxed().toList());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aRolledBackTransactionLeavesNoGapAndNoChange(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlChangeFeed feed = new SqlChangeFeed(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        insert(stores, kb, "https://a.test/1");
        try {
            stores.database().inTransaction(connection -> {
                IndexLog.datasetChanged(connection, dialect, kb.id(), "dataset_doomed");
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // The change must go with its transaction.
        }
        insert(stores, kb, "https://a.test/2");

        assertThat(feed.after(0, 10)).extracting(IndexChange::position).containsExactly(1L, 2L);
        assertThat(feed.after(0, 10)).extracting(IndexChange::datasetId).doesNotContain("dataset_doomed");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theFeedIsPrunedOnlyBelowTheSlowestLiveFollower(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlChangeFeed feed = new SqlChangeFeed(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        for (int i = 0; i < 5; i++) {
            insert(stores, kb, "https://a.test/" + i);
        }
        feed.recordFollower("fast", 5, T0);
        feed.recordFollower("slow", 2, T0);
        feed.recordFollower("gone", 0, T0.minus(Duration.ofHours(2)));

        assertThat(feed.slowestFollower(T0.minus(Duration.ofHours(1)))).hasValue(2);
        feed.prune(2);

        assertThat(feed.prunedThrough()).isEqualTo(2);
        assertThat(feed.after(0, 10)).extracting(IndexChange::position).containsExactly(3L, 4L, 5L);
        assertThat(feed.slowestFollower(T0.plus(Duration.ofHours(2)))).isEmpty();
        feed.prune(1);
        assertThat(feed.prunedThrough()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aChangeCarriesTheStoredChunksOfItsDataset(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlChangeFeed feed = new SqlChangeFeed(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset dataset = insert(stores, kb, "https://a.test/1");

        List<EmbeddedChunk> chunks = feed.chunks(dataset.id());
        assertThat(chunks).hasSize(3);
        assertThat(feed.chunkStates(dataset.id()))
                .containsExactly(
                        java.util.Map.entry(chunks.get(0).chunk().id(), true),
                        java.util.Map.entry(chunks.get(1).chunk().id(), true),
                        java.util.Map.entry(chunks.get(2).chunk().id(), false));
        // Committed a moment ago by the database's clock: a unit or epoch mistake in either dialect's clock is off by
        // far more than this.
        assertThat(feed.age(0)).isBetween(Duration.ZERO, Duration.ofMinutes(1));
        java.time.Instant now = java.time.Instant.now();
        assertThat(feed.after(0, 1).get(0).changedAt()).isBetween(now.minusSeconds(60), now.plusSeconds(60));
        assertThat(feed.age(feed.head())).isZero();
    }

    private static Dataset insert(Stores stores, Knowledgebase kb, String url) {
        Dataset dataset = Fixtures.dataset(kb.id(), url, 3, T0);
        stores.datasets().insert(dataset, Fixtures.chunks(dataset, 3), Fixtures.original(url));
        return dataset;
    }

    private static List<String> sorted(Knowledgebase a, Knowledgebase b) {
        return java.util.stream.Stream.of(a.id(), b.id()).sorted().toList();
    }
}
