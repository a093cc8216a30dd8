package dev.gleaner.uploads;

import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.StoredFile;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Persistence of uploaded datasets: stored unparsed with their original first, completed (chunks stored, parsed)
 * or failed (error recorded) later. The process working on an upload holds it until a time it keeps renewing, so that
 * several processes sharing the store never work on one upload at once, and a stopped process's uploads are taken
 * over once that time has passed.
 */
public interface UploadStore {
    /**
     * Stores the unparsed dataset and its original file in one transaction, held by this process until
     * {@code heldUntil} when it processes the upload itself, or waiting for any process to claim it when null.
     */
    void insertUpload(Dataset dataset, StoredFile original, @Nullable Instant heldUntil);

    Optional<StoredFile> file(String datasetId);

    /**
     * Stores the chunks and marks the dataset parsed in one transaction; false when the dataset is gone (deleted while
     * it was processed) or already parsed, and then nothing is stored.
     */
    boolean completeUpload(String datasetId, List<EmbeddedChunk> chunks, Instant now);

    /** Records why the dataset could not be processed; it stays unparsed. */
    void failUpload(String datasetId, String error, Instant now);

    /**
     * Takes the upload until {@code heldUntil}, unless a process holds it at {@code now} or it is parsed, failed or
     * gone (then empty). Returns how many times processing it was started and not finished before this claim: a
     * claim of an upload claimed (or processed by the process that accepted it) before counts one more such start,
     * stored so that it survives restarts.
     */
    OptionalInt claimUpload(String datasetId, Instant heldUntil, Instant now);

    /**
     * Holds the uploads until {@code heldUntil} (a time already past lets another process take them at once); returns
     * those that are still to be processed (neither parsed, failed nor gone).
     */
    Set<String> holdUploads(Collection<String> datasetIds, Instant heldUntil);

    /** Uploaded datasets neither parsed nor failed that no process holds at {@code now}, oldest first. */
    List<PendingUpload> pendingUploads(Instant now);
}
