package dev.gleaner.config;

/** The settings of the {@link SettingGroup#HTTP} group, read into {@link HttpConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum HttpSetting implements Setting {
    MAX_REQUEST_BYTES(Definition.of(
            "--max-request-bytes",
            "1048576",
            Range.between(1, Integer.MAX_VALUE - 8),
            "largest API request body (larger: 413)")),
    IDLE_TIMEOUT_SECONDS(Definition.of(
            "--http-idle-timeout-seconds",
            "30",
            Range.atLeast(1),
            "longest silence on an API connection, either way, before the server closes it (a job events stream"
                    + " writes a keep-alive within `--events-heartbeat-seconds`, so it stays open)")),
    HEADER_TIMEOUT_SECONDS(Definition.of(
            "--http-header-timeout-seconds",
            "30",
            Range.atLeast(1),
            "longest time from when the server waits for a request (new connection, or the previous response"
                    + " sent) until its request line and headers have arrived, whatever the pace; a client trickling"
                    + " them is disconnected. The idle timeout alone does not bound that: every byte restarts it")),
    MIN_BODY_RATE(Definition.of(
            "--http-min-body-rate",
            "1024",
            Range.atLeast(0),
            "least average rate, in bytes per second, at which a request body must arrive once it started"
                    + " (slower: 408 in the error shape, connection closed); a stalled body is bounded by the idle"
                    + " timeout. `0`: no minimum"));

    private final Definition definition;

    HttpSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.HTTP;
    }
}
