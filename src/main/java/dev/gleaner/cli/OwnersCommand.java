package dev.gleaner.cli;

import dev.gleaner.auth.KeyStore;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.TextTable;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code gleaner owners list}: every owner (one per key holder), its active and total keys, its projects. */
@Command(name = "owners", description = "List owners.", subcommands = OwnersCommand.ListOwners.class)
final class OwnersCommand implements Runnable {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "list", description = "List owners: id, active keys, all keys, projects, first key's date.")
    static final class ListOwners implements Callable<Integer> {
        @Mixin
        @SuppressWarnings("NullAway.Init")
        StoreOptions store;

        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return KeysCommand.withKeys(store, spec, (keys, out, err) -> {
                List<KeyStore.Owner> owners = keys.owners();
                if (owners.isEmpty()) {
                    String program = spec.root().name();
                    err.println("No owners yet: '" + program + " serve' prints the first owner's key when it first"
                            + " starts, or create one with '" + program + " keys create'.");
                    return ExitCodes.OK;
                }
                TextTable table = new TextTable("OWNER", "ACTIVE KEYS", "KEYS", "PROJECTS", "SINCE");
                owners.forEach(o -> table.row(o.id(), o.activeKeys(), o.keys(), o.projects(), o.firstKeyAt()));
                out.print(table.render());
                return ExitCodes.OK;
            });
        }
    }
}
