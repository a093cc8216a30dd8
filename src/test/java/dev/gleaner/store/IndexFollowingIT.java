package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.index.FollowerSettings;
import dev.gleaner.index.IndexFollower;
import dev.gleaner.index.lucene.LuceneIndex;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Processes' indexes following one store's change feed: in step, resumed after a restart, rebuilt when they must. */
class IndexFollowingIT extends DatabaseTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FollowerSettings SETTINGS =
            new FollowerSettings(Duration.ofMillis(20), Duration.ofSeconds(5), 0, Duration.ofHours(1));
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path folder;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeProcesses() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anotherProcessesIndexFollowsEveryChangeOfTheStore(Dialect dialect) {
        Stores stores = fresh(dialect);
        Process writer = start(stores, "a");
        Process reader = start(stores, "b");
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Knowledgebase other = Fixtures.knowledgebase(stores);
        Dataset first = insert(stores, kb, "https://a.test/1", 4);
        Dataset second = insert(stores, other, "https://a.test/2", 2);

        reader.awaitHead(stores);
        assertThat(reader.index.chunkStates(first.id())).isEqualTo(stored(stores, first));
        assertThat(reader.index.chunkStates(second.id())).isEqualTo(stored(stores, second));
        EmbeddedChunk enabled = stores.datasets().chunks(first.id()).stream()
                .filter(c -> c.enabled())
                .map(c -> new SqlChangeFeed(stores.database())
                        .chunks(first.id()).stream()
                                .filter(e -> e.chunk().id().equals(c.id()))
                                .findFirst()
                                .orElseThrow())
                .findFirst()
                .orElseThrow();
        assertThat(reader.index.nearest(kb.id(), enabled.vector(), 1).get(0).chunkId())
                .isEqualTo(enabled.chunk().id());

        stores.datasets().setChunkEnabled(first.id(), enabled.chunk().id(), false);
        reader.awaitHead(stores);
        assertThat(reader.index.chunkStates(first.id()))
                .containsEntry(enabled.chunk().id(), false);
        assertThat(reader.index.nearest(kb.id(), enabled.vector(), 10))
                .noneMatch(hit -> hit.chunkId().equals(enabled.chunk().id()));

        stores.datasets().delete(kb.id(), first.id());
        stores.catalog().deleteKnowledgebase(other.id());
        reader.awaitHead(stores);
        assertThat(reader.index.chunkStates(first.id())).isEmpty();
        assertThat(reader.index.chunkStates(second.id())).isEmpty();
        assertThat(reader.index.size()).isZero();
        writer.awaitHead(stores);
        assertThat(writer.index.size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aRestartedProcessResumesFromItsCommittedPositionWithoutRebuilding(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        insert(stores, kb, "https://a.test/1", 3);
        Process first = start(stores, "a");
        assertThat(first.follower.openedBy().rebuild()).isTrue();
        first.follower.commit();
        first.close();

        Dataset later = insert(stores, kb, "https://a.test/2", 2);
        Dataset another = insert(stores, kb, "https://a.test/3", 2);
        Process again = start(stores, "a");

        assertThat(again.follower.openedBy().rebuild())
                .as(again.follower.openedBy().reason())
                .isFalse();
        assertThat(again.follower.rebuilds()).isZero();
        assertThat(again.follower.appliedChanges()).isEqualTo(2);
        assertThat(again.index.chunkStates(later.id())).isEqualTo(stored(stores, later));
        assertThat(again.index.chunkStates(another.id())).isEqualTo(stored(stores, another));
        assertThat(again.index.size()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aProcessWhoseChangesWerePrunedRebuildsAndSaysWhy(Dialect dialect) {
        Stores stores = fresh(dialect);
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Process first = start(stores, "a");
        first.follower.commit();
        first.close();
        Dataset dataset = insert(stores, kb, "https://a.test/1", 3);
        insert(stores, kb, "https://a.test/2", 3);
        new SqlChangeFeed(stores.database()).prune(2);

        Process again = start(stores, "a");

        assertThat(again.follower.openedBy().rebuild()).isTrue();
        assertThat(again.follower.openedBy().reason()).contains("stopped at change 0", "only after 2");
        assertThat(again.index.chunkStates(dataset.id())).isEqualTo(stored(stores, dataset));
        assertThat(again.index.size()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aLiveFollowerPrunesTheFeedBelowTheSlowestLiveProcess(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlChangeFeed feed = new SqlChangeFeed(stores.database());
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Process fast = start(stores, "fast");
        feed.recordFollower("slow", 1, T0);
        for (int i = 0; i < 4; i++) {
            insert(stores, kb, "https://a.test/" + i, 1);
        }
        fast.awaitHead(stores);

        fast.follower.commit();

        assertThat(feed.prunedThrough()).isEqualTo(1);
        feed.recordFollower("slow", 4, T0);
        fast.follower.commit();
        assertThat(feed.prunedThrough()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void waitingForAPositionNotYetCommittedGivesUpAtTheDeadline(Dialect dialect) {
        Stores stores = fresh(dialect);
        Process process = start(stores, "a");

        assertThat(process.follower.awaitPosition(5, Duration.ofMillis(100))).isFalse();
        insert(stores, Fixtures.knowledgebase(stores), "https://a.test/1", 1);
        assertThat(process.follower.awaitPosition(1, WAIT)).isTrue();
    }

    private Process start(Stores stores, String name) {
        LuceneIndex index = LuceneIndex.open(folder.resolve(name), CLOCK);
        IndexFollower follower = IndexFollower.open(
                index, index.needsRebuild(), new SqlChangeFeed(stores.database()), SETTINGS, name, CLOCK);
        follower.start();
        Process process = new Process(index, follower);
        opened.add(process);
        return process;
    }

    private static Dataset insert(Stores stores, Knowledgebase kb, String url, int chunks) {
        Dataset dataset = Fixtures.dataset(kb.id(), url, chunks, T0);
        stores.datasets().insert(dataset, Fixtures.chunks(dataset, chunks), Fixtures.original(url));
        return dataset;
    }

    private static Map<String, Boolean> stored(Stores stores, Dataset dataset) {
        return stores.datasets().chunks(dataset.id()).stream().collect(Collectors.toMap(c -> c.id(), c -> c.enabled()));
    }

    /** One process's index and its follower. */
    private static final class Process implements AutoCloseable {
        final LuceneIndex index;
        final IndexFollower follower;
        private boolean closed;

        Process(LuceneIndex index, IndexFollower follower) {
            this.index = index;
            this.follower = follower;
        }

        void awaitHead(Stores stores) {
            long head = new SqlChangeFeed(stores.database()).head();
            assertThat(follower.awaitPosition(head, WAIT))
                    .as("index reached change %d", head)
                    .isTrue();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                follower.close();
                index.close();
            }
        }
    }
}
