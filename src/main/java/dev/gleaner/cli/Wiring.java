package dev.gleaner.cli;

import dev.gleaner.secrets.SecretBox;
import dev.gleaner.store.Database;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Opens the configured store: PostgreSQL when a URL is given, else SQLite under the data directory. */
final class Wiring {
    private Wiring() {}

    /** The store, without a secrets key (commands that read no crawl spec: keys, owners). */
    static Database openDatabase(Path dataDir, @Nullable String databaseUrl) {
        return openDatabase(dataDir, databaseUrl, null);
    }

    /** The store, sealing secrets at rest with {@code secrets}. */
    static Database openDatabase(Path dataDir, @Nullable String databaseUrl, @Nullable SecretBox secrets) {
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            return Database.postgres(databaseUrl, secrets);
        }
        // Created private before SQLite opens it: its -wal and -shm files take the database file's permissions.
        DataDirectory.secure(dataDir);
        Path file = dataDir.resolve("gleaner.db");
        DataDirectory.createPrivateFile(file);
        return Database.sqlite(file, secrets);
    }
}
