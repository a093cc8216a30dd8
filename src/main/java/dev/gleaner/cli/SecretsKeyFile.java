package dev.gleaner.cli;

import dev.gleaner.config.StoreConfig;
import dev.gleaner.secrets.SecretsKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's secrets key: {@code --secrets-key} when given, else the key file {@value #FILE_NAME} in the data
 * directory, created (0600, a new random key) at the first start. The key itself is never logged; its id is.
 */
final class SecretsKeyFile {
    static final String FILE_NAME = "secrets.key";
    private static final Logger LOG = LoggerFactory.getLogger(SecretsKeyFile.class);

    private SecretsKeyFile() {}

    /**
     * The key of {@code store}, reading or creating the key file when no key is configured.
     *
     * @throws StartException when the key file holds no valid key or cannot be written
     */
    static SecretsKey of(StoreConfig store, SecureRandom random) {
        String configured = store.secretsKey();
        if (configured != null) {
            // Checked with the configuration: it is valid here.
            return SecretsKey.fromBase64(configured);
        }
        Path file = store.dataDir().resolve(FILE_NAME);
        SecretsKey key = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? read(store, file) : create(file, random);
        if (store.databaseUrl() != null) {
            LOG.info(
                    "Secrets are sealed with the key in {} (id {}): every process sharing the database needs the same"
                            + " key (--secrets-key, or a copy of this file)",
                    file,
                    key.id());
        }
        return key;
    }

    private static SecretsKey read(StoreConfig store, Path file) {
        try {
            return SecretsKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | IOException e) {
            throw new StartException(new StartFailure.DataDirectoryUnusable(
                    store.dataDir(),
                    file + " holds no secrets key (" + e.getMessage() + "); restore it, or delete it to start with a"
                            + " new key (headers of existing crawls then cannot be read)"));
        }
    }

    private static SecretsKey create(Path file, SecureRandom random) {
        SecretsKey key = SecretsKey.generate(random);
        boolean posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(DataDirectory.FILE));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, key.toBase64() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("Another process created " + file + " at the same time", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
        // A first start prints only its own lines; the data directory, backed up as a whole, holds the key anyway.
        LOG.debug("Created the secrets key {} (id {}); back it up with the database", file, key.id());
        return key;
    }
}
