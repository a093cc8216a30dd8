package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.auth.ApiKey;
import dev.gleaner.auth.DeveloperKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlKeyStoreIT extends DatabaseTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aStoredKeyIsFoundByItsHashAndCounted(Dialect dialect) {
        SqlKeyStore keys = new SqlKeyStore(databases.fresh(dialect));
        ApiKey key = new ApiKey("key_1", "owner_1", "laptop", "ab".repeat(32), Fixtures.T0);

        keys.insert(key);

        assertThat(keys.findByHash("ab".repeat(32))).contains(key);
        assertThat(keys.findByHash("cd".repeat(32))).isEmpty();
        assertThat(keys.count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aHashIsStoredOnlyOnce(Dialect dialect) {
        SqlKeyStore keys = new SqlKeyStore(databases.fresh(dialect));
        keys.insert(new ApiKey("key_1", "owner_1", "one", "ab".repeat(32), Fixtures.T0));

        assertThatThrownBy(() -> keys.insert(new ApiKey("key_2", "owner_2", "two", "ab".repeat(32), Fixtures.T0)))
                .isInstanceOf(StoreException.class);
        assertThat(keys.count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anotherProcessCanCreateAKeyWhileTheServerWrites(Dialect dialect) throws Exception {
        Database server = databases.fresh(dialect);
        Database cli = databases.sibling(server);
        SqlKeyStore serverKeys = new SqlKeyStore(server);
        Clock clock = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);

        CompletableFuture<Void> serverWrites = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) {
                serverKeys.insert(new ApiKey("key_s" + i, "owner_s", "s", "hash_s" + i, Fixtures.T0));
            }
        });
        DeveloperKeys.IssuedKey issued = new DeveloperKeys(new SqlKeyStore(cli), clock).create("cli", null);
        serverWrites.get(60, TimeUnit.SECONDS);

        assertThat(new DeveloperKeys(serverKeys, clock).ownerOf(issued.secret()))
                .contains(issued.ownerId());
        assertThat(serverKeys.count()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aSeparateProcessWritesTheSameDatabaseWhileTheServerWrites(Dialect dialect) throws Exception {
        TestDatabases.Location location = databases.location(dialect);
        SqlKeyStore serverKeys = new SqlKeyStore(databases.open(location));
        Process cli = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KeyWriterProcess.class.getName(),
                        dialect.name(),
                        location.where(),
                        "key_cli",
                        "100")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int serverWrites = 0;
        try {
            // The server keeps writing for as long as the other process lives, so their writes overlap.
            while (cli.isAlive() && serverWrites < 100_000) {
                serverKeys.insert(new ApiKey(
                        "key_server" + serverWrites, "owner_s", "s", "server_hash_" + serverWrites, Fixtures.T0));
                serverWrites++;
            }
            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            cli.destroyForcibly();
        }

        assertThat(cli.exitValue()).isZero();
        assertThat(serverWrites).isPositive();
        assertThat(serverKeys.count()).isEqualTo(serverWrites + 100L);
        assertThat(serverKeys.findByHash("key_cli_hash_99")).isPresent();
    }
}
