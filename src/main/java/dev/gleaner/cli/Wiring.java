package dev.gleaner.cli;

import dev.gleaner.store.Database;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Opens the configured store: PostgreSQL when a URL is given, else SQLite under the data directory. */
final class Wiring {
    private Wiring() {}

    static Database openDatabase(Path dataDir, @Nullable String databaseUrl) {
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            return Database.postgres(databaseUrl);
        }
        // Created private before SQLite opens it: its -wal and -shm files take the database file's permissions.
        DataDirectory.secure(dataDir);
        Path file = dataDir.resolve("gleaner.db");
        DataDirectory.createPrivateFile(file);
        return Database.sqlite(file);
    }
}
