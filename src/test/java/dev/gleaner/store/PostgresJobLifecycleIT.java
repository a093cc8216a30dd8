package dev.gleaner.store;

import dev.gleaner.jobs.JobLifecycleContract;
import dev.gleaner.jobs.JobLifecycleSubject;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The job lifecycle contract on PostgreSQL (a new schema of the local database {@code test} per test). */
class PostgresJobLifecycleIT extends JobLifecycleContract {
    @TempDir
    Path folder;

    private @Nullable TestDatabases databases;

    @Override
    protected JobLifecycleSubject open() {
        TestDatabases opened = new TestDatabases(folder);
        databases = opened;
        return SqliteJobLifecycleIT.subject(Stores.on(opened.fresh(Dialect.POSTGRES)));
    }

    @AfterEach
    void close() {
        if (databases != null) {
            databases.close();
        }
    }
}
