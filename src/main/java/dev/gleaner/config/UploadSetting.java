package dev.gleaner.config;

/** The settings of the {@link SettingGroup#UPLOADS} group, read into {@link UploadConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum UploadSetting implements Setting {
    MAX_UPLOAD_BYTES(Definition.of(
            "--max-upload-bytes",
            "26214400",
            Range.between(1, Integer.MAX_VALUE - 8),
            "largest uploaded dataset file, 25 MB (larger: 413); multipart uploads are not bound by"
                    + " `--max-request-bytes`")),
    UPLOAD_MAX_ATTEMPTS(Definition.of(
            "--upload-max-attempts",
            "6",
            Range.atLeast(1),
            "attempts at chunking and embedding one uploaded file when the embedding model fails transiently (429,"
                    + " 5xx, timeouts, connection errors, each after the model's own `--openai-max-attempts`); the"
                    + " dataset stays `isParsed=false` without an error in between, and gets an `error` after the"
                    + " last attempt. A permanent failure (refused key, unreadable file) is recorded at once")),
    UPLOAD_RETRY_BACKOFF_MS(Definition.of(
            "--upload-retry-backoff-ms",
            "5000",
            Range.atLeast(0),
            "wait before an upload's second attempt, doubled before each further one (5 s, 10 s, 20 s, 40 s, 80 s"
                    + " by default). Uploads still waiting when the process stops are processed again, attempts"
                    + " counted afresh, by the next process that looks for uploads (`--upload-poll-ms`); each such"
                    + " restart of an upload's processing is counted in the store (`upload_attempts`), and an upload"
                    + " interrupted this many times fails instead of being processed again and again")),
    UPLOAD_POLL_MS(Definition.of(
            "--upload-poll-ms",
            "2000",
            Range.between(10, 3_600_000),
            "how often a process running workers (`--role all` or `worker`) looks in the database for uploads to"
                    + " process: those accepted by an `--role api` process, and those whose process stopped working"
                    + " on them (taken over once their `--lease-seconds` lease expires)"));

    private final Definition definition;

    UploadSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.UPLOADS;
    }
}
