package dev.gleaner.config;

import dev.gleaner.secrets.SecretsKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Where the data lives ({@link StoreSetting}).
 *
 * @param dataDir the data directory: the SQLite database (unless {@code databaseUrl} is set) and the search index
 * @param databaseUrl a {@code jdbc:postgresql:…} URL for the shared database, or null for SQLite under {@code dataDir}
 * @param indexPoll how often the search index reads the chunk change feed
 * @param indexWait the longest a query with {@code minPosition} waits for the index
 * @param indexLogKeep changes kept in the feed below the slowest live process's position
 * @param secretsKey the base64 of the 32-byte key sealing secrets at rest, or null for the data directory's key file
 *     (never shown by {@link #toString()})
 */
public record StoreConfig(
        Path dataDir,
        @Nullable String databaseUrl,
        Duration indexPoll,
        Duration indexWait,
        long indexLogKeep,
        @Nullable String secretsKey) {
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    /** This data directory and database with the table's defaults for the index's feed. */
    public StoreConfig(Path dataDir, @Nullable String databaseUrl) {
        this(
                dataDir,
                databaseUrl,
                Duration.ofMillis(StoreSetting.INDEX_POLL_MS.defaultLong()),
                Duration.ofMillis(StoreSetting.INDEX_WAIT_MS.defaultLong()),
                StoreSetting.INDEX_LOG_KEEP.defaultLong(),
                null);
    }

    /** The table's defaults. */
    public static StoreConfig defaults() {
        return new StoreConfig(Path.of(StoreSetting.DATA.required()), null);
    }

    /** This configuration with another way of following the change feed. */
    public StoreConfig withIndexFeed(Duration poll, Duration wait, long keep) {
        return new StoreConfig(dataDir, databaseUrl, poll, wait, keep, secretsKey);
    }

    /** This configuration with another secrets key (null: the data directory's key file). */
    public StoreConfig withSecretsKey(@Nullable String key) {
        return new StoreConfig(dataDir, databaseUrl, indexPoll, indexWait, indexLogKeep, key);
    }

    @Override
    public String toString() {
        return "StoreConfig[dataDir=" + dataDir + ", databaseUrl=" + databaseUrl + ", indexPoll=" + indexPoll
                + ", indexWait=" + indexWait + ", indexLogKeep=" + indexLogKeep + ", secretsKey="
                + (secretsKey == null ? "(key file)" : "***") + "]";
    }

    void check(Problems problems) {
        String url = databaseUrl;
        problems.require(
                url == null || url.startsWith(POSTGRES_PREFIX),
                "--database-url must start with " + POSTGRES_PREFIX + ", was " + url);
        problems.inRange(StoreSetting.INDEX_POLL_MS, indexPoll, TimeUnit.MILLISECONDS);
        problems.inRange(StoreSetting.INDEX_WAIT_MS, indexWait, TimeUnit.MILLISECONDS);
        problems.inRange(StoreSetting.INDEX_LOG_KEEP, indexLogKeep);
        String key = secretsKey;
        if (key != null) {
            try {
                SecretsKey.fromBase64(key);
            } catch (IllegalArgumentException e) {
                problems.require(false, StoreSetting.SECRETS_KEY.option() + " " + e.getMessage());
            }
        }
    }
}
