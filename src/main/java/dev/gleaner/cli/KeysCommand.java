package dev.gleaner.cli;

import dev.gleaner.ServiceException;
import dev.gleaner.auth.ApiKey;
import dev.gleaner.auth.DeveloperKeys;
import dev.gleaner.auth.KeyStore;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.Plural;
import dev.gleaner.client.TextTable;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlKeyStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gleaner keys create|list|revoke|rotate}: developer keys, straight on the store (safe while the server runs).
 * A secret is printed once, on stdout and alone, by {@code create} and {@code rotate}; {@code list} never shows one.
 * An unknown owner or key, or a bad expiry, ends with exit code 2 and one line on stderr.
 */
@Command(
        name = "keys",
        description = "Manage developer keys.",
        subcommands = {
            KeysCommand.Create.class,
            KeysCommand.ListKeys.class,
            KeysCommand.Revoke.class,
            KeysCommand.Rotate.class
        })
final class KeysCommand implements Runnable {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** What a key command does with the keys; returns its exit code. */
    @FunctionalInterface
    interface KeyWork {
        int run(DeveloperKeys keys, PrintWriter out, PrintWriter err);
    }

    /** Opens the store, runs {@code work}, and turns a refusal (unknown owner or key…) into exit code 2. */
    static int withKeys(StoreOptions store, CommandLine.Model.CommandSpec spec, KeyWork work) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Files.createDirectories(store.data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Database database = Wiring.openDatabase(store.data, store.databaseUrl)) {
            return work.run(new DeveloperKeys(new SqlKeyStore(database), Clock.systemUTC()), out, err);
        } catch (ServiceException e) {
            err.println("gleaner: " + e.getMessage() + details(e));
            return ExitCodes.USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String details(ServiceException e) {
        return e.details().isEmpty() ? "" : " (" + String.join("; ", e.details().values()) + ")";
    }

    @Command(
            name = "create",
            description = "Create a developer key and print it (shown once; only its hash is stored). It belongs to"
                    + " the only owner when the deployment has one, else to --owner, or to a new owner with"
                    + " --new-owner.")
    static final class Create implements Callable<Integer> {
        @Mixin
        @SuppressWarnings("NullAway.Init")
        StoreOptions store;

        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--name", defaultValue = "cli", description = "A label for the key.")
        @SuppressWarnings("NullAway.Init")
        String name;

        @Option(
                names = "--owner",
                description = "Add the key to this existing owner (default: the only owner, when there is one).")
        @Nullable
        String owner;

        @Option(
                names = "--new-owner",
                description = "Create a new owner for the key: it sees none of the others' data.")
        boolean newOwner;

        @Option(
                names = "--expires",
                description = "When the key stops working: a duration (30d, 12h, 90m) or a date (2027-01-31, UTC"
                        + " midnight) or an instant (2027-01-31T12:00:00Z). Default: never.")
        @Nullable
        String expires;

        @Override
        public Integer call() {
            String program = spec.root().name();
            if (owner != null && newOwner) {
                spec.commandLine().getErr().println("gleaner: --owner and --new-owner exclude each other");
                return ExitCodes.USAGE;
            }
            return withKeys(store, spec, (keys, out, err) -> {
                Instant now = Instant.now();
                Instant expiresAt;
                try {
                    expiresAt = expires == null ? null : Expiry.parse(expires, now);
                } catch (IllegalArgumentException e) {
                    err.println("gleaner: " + e.getMessage());
                    return ExitCodes.USAGE;
                }
                List<KeyStore.Owner> owners = keys.owners();
                if (owner != null && owners.isEmpty()) {
                    err.println("gleaner: no owner exists yet, so owner " + owner + " does not either. Run '"
                            + program + " keys create' without --owner to create the first owner and its key, or"
                            + " start '" + program + " serve', which prints the first owner's key once it listens.");
                    return ExitCodes.USAGE;
                }
                String ownerId = owner;
                if (ownerId == null && !newOwner && owners.size() == 1) {
                    ownerId = owners.get(0).id();
                } else if (ownerId == null && !newOwner && owners.size() > 1) {
                    err.println("gleaner: this deployment has " + owners.size() + " owners ("
                            + String.join(
                                    ", ",
                                    owners.stream().map(KeyStore.Owner::id).toList())
                            + "): name the key's owner with --owner, or make a new owner with --new-owner");
                    return ExitCodes.USAGE;
                }
                DeveloperKeys.IssuedKey issued = keys.create(name, ownerId, expiresAt);
                if (owners.isEmpty()) {
                    err.println("This is the first key of this deployment (owner " + issued.ownerId() + "); '" + program
                            + " serve' will not print another.");
                } else if (ownerId == null) {
                    err.println("Created owner " + issued.ownerId() + ": its key sees none of the other owners'"
                            + " projects.");
                } else {
                    err.println("Added a key to owner " + issued.ownerId() + ": it sees the same projects as the"
                            + " owner's other keys.");
                }
                out.println(issued.secret());
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "list", description = "List keys (never their secrets): id, name, owner, dates, status.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        @SuppressWarnings("NullAway.Init")
        StoreOptions store;

        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--owner", description = "Only the keys of this owner.")
        @Nullable
        String owner;

        @Override
        public Integer call() {
            return withKeys(store, spec, (keys, out, err) -> {
                Instant now = Instant.now();
                TextTable table = new TextTable("ID", "NAME", "OWNER", "CREATED", "EXPIRES", "LAST USED", "STATUS");
                for (ApiKey key : keys.list(owner)) {
                    table.row(
                            key.id(),
                            key.name(),
                            key.ownerId(),
                            key.createdAt(),
                            orDash(key.expiresAt()),
                            orDash(key.lastUsedAt()),
                            key.revokedAt() != null ? "revoked" : key.expiredAt(now) ? "expired" : "active");
                }
                if (table.size() == 0) {
                    err.println(owner == null ? "No keys yet." : "Owner " + owner + " has no keys.");
                    return owner == null ? ExitCodes.OK : ExitCodes.USAGE;
                }
                out.print(table.render());
                if (owner == null) {
                    err.println(ownersLine(keys.owners(), spec.root().name()));
                }
                return ExitCodes.OK;
            });
        }
    }

    /** The owners of the listed keys in one line: keys of one owner see the same projects. */
    static String ownersLine(List<KeyStore.Owner> owners, String program) {
        String each = String.join(
                ", ",
                owners.stream()
                        .map(o -> o.id() + " (" + Plural.of(o.activeKeys(), "active key") + ")")
                        .toList());
        return Plural.of(owners.size(), "owner") + ": " + each + ". Keys of one owner see the same projects; add"
                + " one with: " + program + " keys create --owner OWNER";
    }

    @Command(name = "revoke", description = "Revoke a key at once: requests with it get 401 from then on.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        @SuppressWarnings("NullAway.Init")
        StoreOptions store;

        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "KEY_ID", description = "The key's id (key_…), as 'keys list' shows it.")
        @SuppressWarnings("NullAway.Init")
        String keyId;

        @Override
        public Integer call() {
            return withKeys(store, spec, (keys, out, err) -> {
                ApiKey key = keys.revoke(null, keyId);
                err.println("Revoked key " + key.id() + " (" + key.name() + ") of owner " + key.ownerId() + ".");
                return ExitCodes.OK;
            });
        }
    }

    @Command(
            name = "rotate",
            description = "Replace a key by a new one of the same owner, name and expiry, and print the new one."
                    + " The old key is revoked at once, or after --grace.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        @SuppressWarnings("NullAway.Init")
        StoreOptions store;

        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "KEY_ID", description = "The key's id (key_…), as 'keys list' shows it.")
        @SuppressWarnings("NullAway.Init")
        String keyId;

        @Option(
                names = "--grace",
                defaultValue = "0",
                description = "How long the old key keeps working (e.g. 1h, 7d; default 0: revoked at once).")
        @SuppressWarnings("NullAway.Init")
        String grace;

        @Override
        public Integer call() {
            return withKeys(store, spec, (keys, out, err) -> {
                Duration keepOld;
                try {
                    keepOld = grace.equals("0") ? Duration.ZERO : Expiry.duration(grace);
                } catch (IllegalArgumentException e) {
                    err.println("gleaner: " + e.getMessage());
                    return ExitCodes.USAGE;
                }
                DeveloperKeys.IssuedKey issued = keys.rotate(null, keyId, keepOld);
                err.println("New key " + issued.id() + " replaces " + keyId + ", which "
                        + (keepOld.isZero() ? "is revoked." : "stops working in " + grace + "."));
                out.println(issued.secret());
                return ExitCodes.OK;
            });
        }
    }

    private static String orDash(@Nullable Instant instant) {
        return instant == null ? "-" : instant.toString();
    }
}
