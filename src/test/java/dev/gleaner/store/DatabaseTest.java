package dev.gleaner.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A store test: each test method gets its own databases (SQLite files in a temporary folder, PostgreSQL schemas). */
abstract class DatabaseTest {
    TestDatabases databases;

    @BeforeEach
    void openDatabases(@TempDir Path folder) {
        databases = new TestDatabases(folder);
    }

    @AfterEach
    void closeDatabases() {
        databases.close();
    }

    /** All the stores on a new database. */
    Stores fresh(Dialect dialect) {
        return Stores.on(databases.fresh(dialect));
    }
}
