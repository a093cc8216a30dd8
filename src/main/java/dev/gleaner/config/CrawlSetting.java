package dev.gleaner.config;

/** The settings of the {@link SettingGroup#CRAWL} group, read into {@link CrawlConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum CrawlSetting implements Setting {
    WORKERS(Definition.of("--workers", "16", Range.atLeast(1), "URLs this process works on at once")),
    LEASE_SECONDS(Definition.of(
            "--lease-seconds",
            "30",
            Range.atLeast(1),
            "how long a claimed URL stays with a worker unless renewed; workers renew every third of it, so a"
                    + " crashed process's URLs are taken over within about this time. An upload being processed is"
                    + " held as long, renewed every `--upload-poll-ms`")),
    MAX_ATTEMPTS(Definition.of(
            "--max-attempts",
            "3",
            Range.atLeast(1),
            "attempts per URL for transient failures (timeouts, connection errors, 5xx, 429)")),
    FETCH_TIMEOUT_SECONDS(Definition.of(
            "--fetch-timeout-seconds", "30", Range.atLeast(1), "hard deadline of one fetch, body included")),
    MAX_PAGE_BYTES(Definition.of(
            "--max-page-bytes",
            "10485760",
            Range.between(1, Integer.MAX_VALUE - 8),
            "largest page body read (after decompression)")),
    REMOVAL_GRACE_SECONDS(Definition.of(
            "--removal-grace-seconds",
            "0",
            Range.between(0, 366L * 24 * 3600),
            "how long a dataset a complete sync of its source no longer found stays (marked `removedAt`, left out"
                    + " of query results) before it is deleted; a sync that finds it again meanwhile restores it. 0"
                    + " deletes it when the sync completes")),
    USER_AGENT(Definition.text(
            "--user-agent",
            "GleanerBot/0.1 (+https://github.com/gleaner-kb/gleaner)",
            "text, not blank",
            "User-Agent of the crawler; robots.txt rules are matched for the product token `GleanerBot`"));

    private final Definition definition;

    CrawlSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.CRAWL;
    }
}
