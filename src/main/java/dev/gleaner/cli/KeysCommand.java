package dev.gleaner.cli;

import dev.gleaner.auth.DeveloperKeys;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlKeyStore;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gleaner keys create}: prints one new developer key on stdout and nothing else. Safe while the server runs. */
@Command(name = "keys", description = "Manage developer keys.", subcommands = KeysCommand.Create.class)
final class KeysCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    @Command(
            name = "create",
            description = "Create a developer key and print it (shown once; only its hash is stored).")
    static final class Create implements Runnable {
        @Mixin
        @SuppressWarnings("NullAway.Init")
        StoreOptions store;

        @Option(names = "--name", defaultValue = "cli", description = "A label for the key.")
        @SuppressWarnings("NullAway.Init")
        String name;

        @Option(names = "--owner", description = "Add the key to this existing owner instead of a new one.")
        @Nullable
        String owner;

        @Override
        public void run() {
            // The data directory is created, private, by Wiring when the store is SQLite.
            try (Database database = Wiring.openDatabase(store.data, store.databaseUrl)) {
                DeveloperKeys keys = new DeveloperKeys(new SqlKeyStore(database), Clock.systemUTC());
                System.out.println(keys.create(name, owner).secret());
            }
        }
    }
}
