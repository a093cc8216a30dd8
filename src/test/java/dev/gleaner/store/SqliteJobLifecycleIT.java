package dev.gleaner.store;

import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.JobLifecycleContract;
import dev.gleaner.jobs.JobLifecycleSubject;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The job lifecycle contract on SQLite. */
class SqliteJobLifecycleIT extends JobLifecycleContract {
    @TempDir
    Path folder;

    private @Nullable TestDatabases databases;

    @Override
    protected JobLifecycleSubject open() {
        TestDatabases opened = new TestDatabases(folder);
        databases = opened;
        return subject(Stores.on(opened.fresh(Dialect.SQLITE)));
    }

    /** The SQL stores of {@code stores} with a knowledgebase of a project of {@code owner_1}. */
    static JobLifecycleSubject subject(Stores stores) {
        Knowledgebase kb = Fixtures.knowledgebase(stores);
        return new JobLifecycleSubject(stores.frontier(), stores.jobs(), "owner_1", kb.projectId(), kb.id());
    }

    @AfterEach
    void close() {
        if (databases != null) {
            databases.close();
        }
    }
}
