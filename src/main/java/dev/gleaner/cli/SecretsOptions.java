package dev.gleaner.cli;

import dev.gleaner.config.StoreConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The key sealing secrets at rest ({@code serve} only). Default: {@link SettingDefaults} (its environment variable). */
final class SecretsOptions {
    @Option(
            names = "--secrets-key",
            description =
                    "Base64 of the 32-byte key sealing secrets at rest (default: the data directory's secrets.key).")
    @Nullable
    String key;

    StoreConfig applyTo(StoreConfig store) {
        String given = key;
        return store.withSecretsKey(given == null || given.isBlank() ? null : given);
    }
}
