package dev.gleaner.jobs;

/** Why a URL a job saw was not admitted; each is also the URL's outcome word. */
public enum SkipReason {
    ROBOTS("robots"),
    OUT_OF_SCOPE("outOfScope"),
    DUPLICATE("duplicate"),
    OVER_LIMIT("overLimit");

    private final String outcome;

    SkipReason(String outcome) {
        this.outcome = outcome;
    }

    public String outcome() {
        return outcome;
    }
}
