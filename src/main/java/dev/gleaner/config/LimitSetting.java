package dev.gleaner.config;

/** The settings of the {@link SettingGroup#LIMITS} group, read into {@link LimitsConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum LimitSetting implements Setting {
    RATE_LIMIT_PER_SECOND(Definition.of(
            "--rate-limit-per-second",
            "50",
            Range.atLeast(0),
            "requests per second one developer key may make to this process on average (a token bucket refilled"
                    + " at this rate; each process counts on its own, so N processes allow a key N times this). `0`"
                    + " (with `--rate-limit-burst 0`): no limit")),
    RATE_LIMIT_BURST(Definition.of(
            "--rate-limit-burst",
            "100",
            Range.atLeast(0),
            "requests one key may make at once (the bucket's size), reported as `X-RateLimit-Limit`; beyond it:"
                    + " 429 with `Retry-After`")),
    AUTH_FAILURES(Definition.of(
            "--auth-failures",
            "20",
            Range.atLeast(0),
            "failed authentications (missing, unknown, revoked or expired key or events token) one client address"
                    + " may make per window in this process; beyond them its requests are answered 429 with"
                    + " `Retry-After`, without a key check, until the window ends. `0`: no limit")),
    AUTH_FAILURE_WINDOW_SECONDS(Definition.of(
            "--auth-failure-window-seconds",
            "60",
            Range.atLeast(1),
            "the window failed authentications are counted in; it starts at an address's first failure")),
    CLIENT_ADDRESS_HEADER(Definition.unset(
            "--client-address-header",
            "(none: the connection's address)",
            "a header name",
            "header a reverse proxy puts the client's address in (e.g. `X-Real-IP`; of a list such as"
                    + " `X-Forwarded-For`, the first entry), used for the failed-authentication limit. Set it only"
                    + " behind a proxy that sets the header itself: a client could otherwise choose its address")),
    EVENTS_MAX_STREAMS_PER_OWNER(Definition.of(
            "--events-max-streams-per-owner",
            "50",
            Range.atLeast(0),
            "most job events streams one owner (all its keys and tokens together) may have open at once in this"
                    + " process; beyond it a new one is answered 429. `0`: no limit")),
    MAX_UNFINISHED_JOBS_PER_OWNER(Definition.of(
            "--max-unfinished-jobs-per-owner",
            "10",
            Range.atLeast(0),
            "crawl and import jobs one owner may have queued or running at once, across every process sharing the"
                    + " database; a new crawl (or a retry) beyond it is answered 429. `0`: no limit")),
    PAGES_PER_DAY(Definition.of(
            "--pages-per-day",
            "200000",
            Range.atLeast(0),
            "page fetches of one owner's jobs per UTC day, across every process (each fetch attempt of a URL"
                    + " counts one; robots.txt and sitemaps do not). Once used up, new crawls and retries get 429"
                    + " until 00:00 UTC, and the remaining URLs of running jobs end `failed` with a reason naming the"
                    + " quota and its reset; retry the job after it. `0`: no limit")),
    UPLOAD_BYTES_PER_DAY(Definition.of(
            "--upload-bytes-per-day",
            "5368709120",
            Range.atLeast(0),
            "bytes of files one owner may upload per UTC day (5 GiB), across every process; an upload that would"
                    + " pass it is answered 429 with `Retry-After` until 00:00 UTC. A refused file (415, 400) is not"
                    + " counted. `0`: no limit"));

    private final Definition definition;

    LimitSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.LIMITS;
    }
}
