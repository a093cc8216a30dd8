package dev.gleaner.config;

/** The settings of the {@link SettingGroup#POLITENESS} group, read into {@link PolitenessConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum PolitenessSetting implements Setting {
    PER_HOST_CONCURRENCY(Definition.of(
            "--per-host-concurrency",
            "2",
            Range.atLeast(1),
            "most requests in flight to one host, across all jobs and processes")),
    CRAWL_DELAY_MS(Definition.of(
            "--crawl-delay-ms",
            "500",
            Range.atLeast(0),
            "least time between two requests to one server (politeness); a robots.txt `Crawl-delay` (capped at"
                    + " 30 s) may ask for more, a `Retry-After` holds the server back"));

    private final Definition definition;

    PolitenessSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.POLITENESS;
    }
}
