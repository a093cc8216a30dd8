package dev.gleaner.jobs;

/**
 * A job's change report: how many of its pages were stored as new datasets ({@code added}, outcome {@code ingested};
 * {@code new} in JSON), updated ({@code updated}), found unchanged ({@code unchanged}), and how many datasets the job,
 * a complete sync of a source, removed ({@code removed}). Kept as counters in the job's row, raised in the transaction
 * that records each page, so reading it costs nothing. Pages that failed are the job's {@code failed}.
 */
public record Changes(long added, long updated, long unchanged, long removed) {
    public static final Changes NONE = new Changes(0, 0, 0, 0);

    /** These counts with one more page or dataset of {@code outcome}; any other outcome changes nothing. */
    public Changes plus(PageOutcome outcome) {
        return switch (outcome) {
            case INGESTED -> new Changes(added + 1, updated, unchanged, removed);
            case UPDATED -> new Changes(added, updated + 1, unchanged, removed);
            case UNCHANGED -> new Changes(added, updated, unchanged + 1, removed);
            case REMOVED -> new Changes(added, updated, unchanged, removed + 1);
            default -> this;
        };
    }
}
