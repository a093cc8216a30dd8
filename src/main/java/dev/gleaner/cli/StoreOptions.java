package dev.gleaner.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where the data lives; shared by every command that opens the store. */
final class StoreOptions {
    @Option(
            names = "--data",
            defaultValue = "${env:GLEANER_DATA:-./gleaner-data}",
            description =
                    "Data directory: SQLite database and search index (env GLEANER_DATA, default ./gleaner-data).")
    @SuppressWarnings("NullAway.Init")
    Path data;

    @Option(
            names = "--database-url",
            defaultValue = "${env:GLEANER_DATABASE_URL}",
            description =
                    "jdbc:postgresql:… URL of a shared PostgreSQL database instead of SQLite (env GLEANER_DATABASE_URL).")
    @Nullable
    String databaseUrl;
}
