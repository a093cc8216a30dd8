package dev.gleaner.store;

import static dev.gleaner.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.uploads.PendingUpload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uploads are claimed like URLs: one process at a time holds each, until a time it renews; an upload nobody holds
 * (queued by an API process, or left by a stopped one) is claimable, and each claim after a start counts a restart.
 */
class UploadClaimsIT extends DatabaseTest {
    private static final Duration HOLD = Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aQueuedUploadIsClaimedByOneProcessAtATime(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlDatasetStore onOne = stores.datasets();
        SqlDatasetStore onOther = new SqlDatasetStore(databases.sibling(stores.database()));
        String queued = upload(stores, null);

        assertThat(ids(onOther.pendingUploads(T0))).containsExactly(queued);
        assertThat(onOne.claimUpload(queued, T0.plus(HOLD), T0)).hasValue(0);
        assertThat(onOther.claimUpload(queued, T0.plus(HOLD), T0)).isEmpty();
        assertThat(onOther.pendingUploads(T0)).isEmpty();
        assertThat(onOne.holdUploads(List.of(queued), T0.plus(HOLD.multipliedBy(2))))
                .containsExactly(queued);
        assertThat(onOther.claimUpload(queued, T0.plus(HOLD.multipliedBy(3)), T0.plus(HOLD)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anUploadWhoseHoldEndedIsTakenOverAsARestart(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlDatasetStore store = stores.datasets();
        String held = upload(stores, T0.plus(HOLD));
        Instant later = T0.plus(HOLD).plusMillis(1);

        assertThat(store.pendingUploads(T0)).isEmpty();
        assertThat(store.claimUpload(held, T0.plus(HOLD), T0)).isEmpty();
        assertThat(ids(store.pendingUploads(later))).containsExactly(held);
        assertThat(store.claimUpload(held, later.plus(HOLD), later)).hasValue(1);
        // Released by a process that closed: claimable at once, one more restart.
        assertThat(store.holdUploads(List.of(held), later)).containsExactly(held);
        assertThat(store.claimUpload(held, later.plus(HOLD), later)).hasValue(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aFinishedUploadIsNeitherHeldNorClaimed(Dialect dialect) {
        Stores stores = fresh(dialect);
        SqlDatasetStore store = stores.datasets();
        String failed = upload(stores, null);
        store.failUpload(failed, "unreadable", T0);

        assertThat(store.holdUploads(List.of(failed), T0.plus(HOLD))).isEmpty();
        assertThat(store.claimUpload(failed, T0.plus(HOLD), T0)).isEmpty();
        assertThat(store.pendingUploads(T0)).isEmpty();
        assertThat(store.holdUploads(Set.of(), T0)).isEmpty();
    }

    private static String upload(Stores stores, @Nullable Instant heldUntil) {
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        Dataset page = Fixtures.dataset(kb.id(), "upload", 0, T0);
        Dataset dataset = page.toBuilder()
                .sourceUrl(null)
                .filename("notes.txt")
                .fileUrl("/uploads/notes.txt")
                .parsed(false)
                .build();
        stores.datasets().insertUpload(dataset, Fixtures.original("upload"), heldUntil);
        return dataset.id();
    }

    private static List<String> ids(List<PendingUpload> pending) {
        return pending.stream().map(PendingUpload::datasetId).toList();
    }
}
