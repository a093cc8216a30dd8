package dev.gleaner.store;

/**
 * The SQL databases the store runs on. Every statement is written once, in the subset both understand; the few places
 * that differ are methods here, and the schema scripts under {@code db/<dialect>/}.
 */
public enum Dialect {
    /** The embedded default: one file, one writer at a time (transactions begin IMMEDIATE). */
    SQLITE("sqlite"),
    /** The scale-out backend: several API and worker processes share one database under READ COMMITTED. */
    POSTGRES("postgres");

    private final String scriptDirectory;

    Dialect(String scriptDirectory) {
        this.scriptDirectory = scriptDirectory;
    }

    /** The classpath folder of this dialect's migration scripts. */
    String scriptDirectory() {
        return "db/" + scriptDirectory;
    }

    /**
     * The clause that locks the rows a read-modify-write selects. PostgreSQL needs it so that two transactions never
     * update from the same stale read; SQLite's IMMEDIATE transaction already holds the database's only write lock.
     */
    String forUpdate() {
        return this == POSTGRES ? " FOR UPDATE" : "";
    }

    /**
     * The database's own clock as epoch milliseconds, for times that several processes compare (the change feed's
     * commit times and its lag): one clock for all of them.
     */
    String nowMillis() {
        return this == POSTGRES
                ? "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
                : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }
}
