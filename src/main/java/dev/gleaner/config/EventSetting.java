package dev.gleaner.config;

/** The settings of the {@link SettingGroup#EVENTS} group, read into {@link EventsConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum EventSetting implements Setting {
    POLL_MS(Definition.of(
            "--events-poll-ms",
            "200",
            Range.atLeast(1),
            "how often the process's one job feed reads the jobs that changed (for the job events streams)")),
    HEARTBEAT_SECONDS(Definition.of(
            "--events-heartbeat-seconds",
            "15",
            Range.between(1, 25),
            "longest silence on a job events stream before a `: keep-alive` comment; at most 25 (the HTTP idle"
                    + " timeout is 30 s). A client that went away is noticed at the next write, so within this time")),
    MAX_STREAMS(Definition.of(
            "--events-max-streams",
            "1000",
            Range.atLeast(0),
            "most job events streams open at once in this process; beyond it a new one is answered 503")),
    TOKEN_SECONDS(Definition.of(
            "--events-token-seconds",
            "60",
            Range.atLeast(1),
            "how long a token from `POST …/crawl/events/token` can open a stream (a stream it opened stays open)"));

    private final Definition definition;

    EventSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.EVENTS;
    }
}
