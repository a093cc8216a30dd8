package dev.gleaner.api.schema;

/** Schema {@code DatasetUploaded}: the upload is stored and will be processed; {@code id} is the new dataset's. */
public record DatasetUploaded(String message, boolean success, String id) {
    public static final String MESSAGE = "Dataset uploaded";

    public DatasetUploaded(String id) {
        this(MESSAGE, true, id);
    }
}
