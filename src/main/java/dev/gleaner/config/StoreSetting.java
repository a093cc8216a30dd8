package dev.gleaner.config;

/** The settings of the {@link SettingGroup#STORE} group, read into {@link StoreConfig}. */
// Definition is a record of strings and a Range of two longs: immutable, though not annotated as such.
@SuppressWarnings("ImmutableEnumChecker")
public enum StoreSetting implements Setting {
    DATA(Definition.text(
            "--data",
            "./gleaner-data",
            "a directory",
            "data directory: SQLite database `gleaner.db` and the search index `index/`. Kept private to the"
                    + " process's user on POSIX file systems: directories 0700, files 0600, set on creation and"
                    + " checked on every start (anything more open is restricted, with a log line)")),
    DATABASE_URL(Definition.unset(
            "--database-url",
            "(none: SQLite)",
            "a `jdbc:postgresql:` URL",
            "`jdbc:postgresql://host:5432/db?user=…` to share one PostgreSQL database between processes")),
    SECRETS_KEY(Definition.unset(
            "--secrets-key",
            "(none: the key file `secrets.key` in the data directory, created at first start)",
            "base64 of 32 bytes (`openssl rand -base64 32`)",
            "`serve` only: the key sealing secrets at rest (a crawl's `headers`, AES-256-GCM). Every process sharing one"
                    + " PostgreSQL database must have the same key: give each the same `--secrets-key` (or the same"
                    + " `secrets.key` file); a process with another key fails the pages of jobs with headers, saying so."
                    + " Prefer the environment variable to the flag, which other users may see in the process list")),
    INDEX_POLL_MS(Definition.of(
            "--index-poll-ms",
            "200",
            Range.between(1, 60_000),
            "`serve` only: how often the process's search index reads the store's chunk change feed for changes made by other"
                    + " processes (the lag of one process's writes on another's queries is about this)")),
    INDEX_WAIT_MS(
            Definition.of(
                    "--index-wait-ms",
                    "5000",
                    Range.between(0, 60_000),
                    "`serve` only: longest a query with `minPosition` waits for this process's index to reach it before answering 503")),
    INDEX_LOG_KEEP(Definition.of(
            "--index-log-keep",
            "10000",
            Range.atLeast(0),
            "`serve` only: changes kept in the chunk change feed below the slowest live process's committed position; a process"
                    + " whose index stopped further back than the feed keeps rebuilds its index at start"));

    private final Definition definition;

    StoreSetting(Definition definition) {
        this.definition = definition;
    }

    @Override
    public Definition definition() {
        return definition;
    }

    @Override
    public SettingGroup group() {
        return SettingGroup.STORE;
    }
}
