package dev.gleaner.cli;

import dev.gleaner.store.Database;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Opens the configured store: PostgreSQL when a URL is given, else SQLite under the data directory. */
final class Wiring {
    private Wiring() {}

    static Database openDatabase(Path dataDir, @Nullable String databaseUrl) {
        return databaseUrl == null || databaseUrl.isBlank()
                ? Database.sqlite(dataDir.resolve("gleaner.db"))
                : Database.postgres(databaseUrl);
    }
}
