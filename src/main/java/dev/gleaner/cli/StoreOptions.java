package dev.gleaner.cli;

import dev.gleaner.config.StoreConfig;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the data lives; shared by every command that opens the store. Defaults come from the table of settings
 * ({@link SettingDefaults}).
 */
final class StoreOptions {
    @Option(names = "--data", description = "Data directory: SQLite database and search index.")
    @SuppressWarnings("NullAway.Init")
    Path data;

    @Option(
            names = "--database-url",
            description = "jdbc:postgresql:… URL of a shared PostgreSQL database instead of SQLite.")
    @Nullable
    String databaseUrl;

    StoreConfig config() {
        String url = databaseUrl;
        return new StoreConfig(data, url == null || url.isBlank() ? null : url);
    }
}
