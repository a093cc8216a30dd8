package dev.gleaner;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opaque, prefixed identifiers ({@code proj_…}, {@code kb_…}, {@code job_…}, {@code dataset_…}, {@code chunk_…}).
 * An id is the creation time, a per-process sequence number and 64 random bits, in fixed-width hex: ids made by one
 * process sort in the order they were made, which breaks ties between rows created in the same millisecond in
 * "newest first" listings, and the random part keeps ids unguessable and unique across processes.
 */
public final class Ids {
    /** Process-wide by nature: the order of ids made by this process. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** A new id with the given prefix, e.g. {@code next("job")} → {@code job_0019d4c0f2a1b000007a3f…}. */
    public static String next(String prefix) {
        long sequence = SEQUENCE.incrementAndGet() & 0xFFFFFF;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return prefix + "_" + String.format(Locale.ROOT, "%012x%06x", System.currentTimeMillis(), sequence)
                + HexFormat.of().formatHex(random);
    }
}
