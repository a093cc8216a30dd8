package dev.gleaner.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where the data lives ({@link StoreSetting}).
 *
 * @param dataDir the data directory: the SQLite database (unless {@code databaseUrl} is set) and the search index
 * @param databaseUrl a {@code jdbc:postgresql:…} URL for the shared database, or null for SQLite under {@code dataDir}
 */
public record StoreConfig(Path dataDir, @Nullable String databaseUrl) {
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    /** The table's defaults. */
    public static StoreConfig defaults() {
        return new StoreConfig(Path.of(StoreSetting.DATA.required()), null);
    }

    void check(Problems problems) {
        String url = databaseUrl;
        problems.require(
                url == null || url.startsWith(POSTGRES_PREFIX),
                "--database-url must start with " + POSTGRES_PREFIX + ", was " + url);
    }
}
