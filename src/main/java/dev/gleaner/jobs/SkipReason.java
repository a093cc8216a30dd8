package dev.gleaner.jobs;

/** Why a URL a job saw was not admitted; each is also the URL's outcome, counted as skipped. */
public enum SkipReason {
    ROBOTS(PageOutcome.ROBOTS),
    OUT_OF_SCOPE(PageOutcome.OUT_OF_SCOPE),
    DUPLICATE(PageOutcome.DUPLICATE),
    OVER_LIMIT(PageOutcome.OVER_LIMIT);

    private final PageOutcome outcome;

    SkipReason(PageOutcome outcome) {
        this.outcome = outcome;
    }

    public PageOutcome outcome() {
        return outcome;
    }
}
