package dev.gleaner;

import java.util.UUID;

/** Opaque, prefixed identifiers ({@code proj_…}, {@code kb_…}, {@code job_…}, {@code dataset_…}, {@code chunk_…}). */
public final class Ids {
    private Ids() {}

    /** A new random id with the given prefix, e.g. {@code next("job")} → {@code job_3f2a…}. */
    public static String next(String prefix) {
        UUID uuid = UUID.randomUUID();
        return prefix + "_" + Long.toHexString(uuid.getMostSignificantBits())
                + Long.toHexString(uuid.getLeastSignificantBits());
    }
}
