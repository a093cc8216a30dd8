package dev.gleaner.store;

import dev.gleaner.auth.ApiKey;
import java.time.Instant;

/**
 * A separate process that opens a database and stores keys, as a CLI command does while the server runs. Arguments:
 * dialect, location (file or JDBC URL), key id prefix, number of keys.
 */
public final class KeyWriterProcess {
    private KeyWriterProcess() {}

    public static void main(String[] args) {
        TestDatabases.Location location = new TestDatabases.Location(Dialect.valueOf(args[0]), args[1]);
        try (Database database = location.open()) {
            SqlKeyStore keys = new SqlKeyStore(database);
            for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                keys.insert(new ApiKey(args[2] + i, "owner_cli", "cli", args[2] + "_hash_" + i, Instant.EPOCH));
            }
        }
    }
}
