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
            "`jdbc:postgresql://host:5432/db?user=…` to share one PostgreSQL database between processes"));

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
