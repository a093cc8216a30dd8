package dev.gleaner.limits;

/** What a daily quota counts. */
public enum UsageKind {
    /** Pages fetched by an owner's crawl and import jobs (each fetch attempt of a URL counts one). */
    PAGES("pages"),
    /** Bytes of files an owner uploaded. */
    UPLOAD_BYTES("upload_bytes");

    private final String stored;

    UsageKind(String stored) {
        this.stored = stored;
    }

    /** The value stored in the counter's {@code kind} column. */
    public String stored() {
        return stored;
    }
}
