package dev.gleaner.uploads;

import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.EmbeddedChunk;
import dev.gleaner.ingest.StoredFile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of uploaded datasets: stored unparsed with their original first, completed (chunks stored, parsed)
 * or failed (error recorded) later.
 */
public interface UploadStore {
    /** Stores the unparsed dataset and its original file in one transaction. */
    void insertUpload(Dataset dataset, StoredFile original);

    Optional<StoredFile> file(String datasetId);

    /**
     * Stores the chunks and marks the dataset parsed in one transaction; false when the dataset is gone (deleted while
     * it was processed) or already parsed, and then nothing is stored.
     */
    boolean completeUpload(String datasetId, List<EmbeddedChunk> chunks, Instant now);

    /** Records why the dataset could not be processed; it stays unparsed. */
    void failUpload(String datasetId, String error, Instant now);

    /**
     * Counts one more start of processing the dataset and returns how many there have been, this one included; the
     * count is stored, so it survives restarts. 0 when the dataset is gone.
     */
    int countAttempt(String datasetId);

    /** Uploaded datasets neither parsed nor failed, oldest first. */
    List<PendingUpload> pendingUploads();
}
