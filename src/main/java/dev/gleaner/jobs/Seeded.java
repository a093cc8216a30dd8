package dev.gleaner.jobs;

/**
 * What recording the end of a seeding task did ({@link Frontier#seeded(SeedingLease, java.util.List, java.util.List,
 * String, java.time.Instant)}): whether its lease was still held (nothing is written when it was not), and how many of
 * its seeds ended at once as {@code unchanged}, without being fetched (0 when the lease was lost).
 */
public record Seeded(boolean held, int unchanged) {
    /** Nothing recorded: the lease was lost, or the job is gone or finished. */
    public static final Seeded LOST = new Seeded(false, 0);
}
