package dev.gleaner.config;

/** The settings of the {@link SettingGroup#SERVER} group, read into {@link ServerConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum ServerSetting implements Setting {
    HOST(Definition.text(
            "--host", "127.0.0.1", "an address or host name", "address the API listens on (`0.0.0.0` to expose it)")),
    PORT(Definition.of("--port", "8080", Range.between(0, 65_535), "API port (`0`: any free port)")),
    ALLOW_PRIVATE_NETWORK(Definition.text(
            "--allow-private-network",
            "false",
            "`true` or `false`",
            "let the crawler and the webhook sender connect to addresses that are not globally reachable (loopback,"
                    + " private, link-local, documentation, … — the IANA special-purpose blocks listed in the README)"
                    + " (tests and local demos only). Unset, a crawl or webhook URL naming such an IP literal or"
                    + " `localhost` is refused with 400, and a name resolving to one fails its URLs as `failed`,"
                    + " naming the address and this flag")),
    ROLE(Definition.text(
            "--role",
            "all",
            "`all`, `api` or `worker`",
            "what this process runs. `all`: the API, the web UI and the workers. `api`: the API and the web UI only;"
                    + " its crawls and uploads are queued in the database for worker processes. `worker`: the crawl"
                    + " workers, the upload ingestor and the webhook dispatcher; its HTTP port answers only"
                    + " `/health` and `/metrics`. Processes with different roles share one `--database-url`"));

    private final Definition definition;

    ServerSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.SERVER;
    }
}
