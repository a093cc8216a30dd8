package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.auth.DeveloperKeys;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.ServerConfig;
import dev.gleaner.ingest.HashingEmbedder;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlKeyStore;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first key of a data directory is issued by the start that serves, so a start that fails issues none. */
class FirstKeyIT {
    @TempDir
    Path data;

    @Test
    void aStartThatCannotBindItsPortIssuesNoKeyAndTheNextStartPrintsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, TestSite.ADDRESS)) {
            GleanerConfig onTakenPort = onPort(TestApp.config(data), taken.getLocalPort());

            assertThatThrownBy(() -> Application.start(onTakenPort, List.of(new HashingEmbedder(TestApp.MODEL, 384))))
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(keyCount()).as("the failed start issued no key").isZero();

        String issued;
        try (Application app =
                Application.start(TestApp.config(data), List.of(new HashingEmbedder(TestApp.MODEL, 384)))) {
            issued = app.issuedKey().orElseThrow();
            assertThat(app.keys().ownerOf(issued)).isPresent();
        }
        try (Application again =
                Application.start(TestApp.config(data), List.of(new HashingEmbedder(TestApp.MODEL, 384)))) {
            assertThat(again.issuedKey())
                    .as("only the first serving start prints a key")
                    .isEmpty();
        }
        assertThat(keyCount()).isEqualTo(1);
    }

    private long keyCount() {
        try (Database database = Database.sqlite(data.resolve(Database.SQLITE_FILE_NAME))) {
            return new DeveloperKeys(new SqlKeyStore(database), Clock.systemUTC())
                    .list(null)
                    .size();
        }
    }

    private static GleanerConfig onPort(GleanerConfig c, int port) {
        return c.withServer(server -> new ServerConfig(server.host(), port, server.allowPrivateNetwork()));
    }
}
