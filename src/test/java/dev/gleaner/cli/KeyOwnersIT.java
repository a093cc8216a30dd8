package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.auth.DeveloperKeys;
import dev.gleaner.auth.KeyCheck;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlKeyStore;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which owner {@code keys create} gives a key: the only owner when the deployment has one (so a key made after the
 * first start sees what the first key created), a new owner only with {@code --new-owner}, and with several owners
 * an error listing them unless {@code --owner} names one. {@code keys list} names the owners.
 */
class KeyOwnersIT {
    @TempDir
    Path data;

    private ClientRun run(String... args) {
        return ClientRun.of(List.of(args), List.of("--data", data.toString()));
    }

    private String ownerOf(String secret) {
        try (Database database = Database.sqlite(data.resolve(Database.SQLITE_FILE_NAME))) {
            KeyCheck check = new DeveloperKeys(new SqlKeyStore(database), Clock.systemUTC()).check(secret);
            assertThat(check).isInstanceOf(KeyCheck.Valid.class);
            return ((KeyCheck.Valid) check).key().ownerId();
        }
    }

    @Test
    void aKeyCreatedAfterTheFirstStartBelongsToTheFirstKeysOwnerAndSeesItsProjects() {
        String projectId;
        String firstOwner;
        try (TestApp app = TestApp.start(data)) {
            assertThat(app.keys().owners())
                    .as("the first start made the first owner")
                    .hasSize(1);
            firstOwner = app.keys().owners().get(0).id();
            ClientRun created = run("keys", "create", "--name", "ui");

            assertThat(created.exit()).as(created.describe()).isZero();
            assertThat(created.stderr()).contains("Added a key to owner " + firstOwner);
            String key = created.stdout().strip();
            assertThat(ownerOf(key)).isEqualTo(firstOwner);

            TestApi withFirstOwnersOtherKey = TestApi.forPort(
                    app.port(), app.keys().create("curl", firstOwner).secret());
            projectId = withFirstOwnersOtherKey
                    .post("/v1/projects", Map.of("name", "walkthrough"))
                    .json()
                    .path("data")
                    .path("id")
                    .asText();
            TestApi withNewKey = TestApi.forPort(app.port(), key);
            assertThat(withNewKey.get("/v1/projects/" + projectId).status())
                    .as("the key from keys create sees the project the other key made")
                    .isEqualTo(200);
        }
        assertThat(projectId).startsWith("proj_");
    }

    @Test
    void aNewOwnerOnlyWithNewOwnerAndWithSeveralOwnersAnErrorListingThem() {
        String first = run("keys", "create").stdout().strip();
        String firstOwner = ownerOf(first);

        ClientRun separate = run("keys", "create", "--new-owner");
        assertThat(separate.exit()).as(separate.describe()).isZero();
        String secondOwner = ownerOf(separate.stdout().strip());
        assertThat(secondOwner).isNotEqualTo(firstOwner);
        assertThat(separate.stderr()).contains("Created owner " + secondOwner);

        ClientRun ambiguous = run("keys", "create");
        assertThat(ambiguous.exit()).as(ambiguous.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(ambiguous.stdout()).isEmpty();
        assertThat(ambiguous.stderr())
                .contains("2 owners")
                .contains(firstOwner)
                .contains(secondOwner)
                .contains("--owner")
                .contains("--new-owner");

        ClientRun named = run("keys", "create", "--owner", secondOwner);
        assertThat(named.exit()).as(named.describe()).isZero();
        assertThat(ownerOf(named.stdout().strip())).isEqualTo(secondOwner);

        ClientRun both = run("keys", "create", "--owner", secondOwner, "--new-owner");
        assertThat(both.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.stderr()).contains("exclude each other");
    }

    @Test
    void keysListNamesTheOwnersAndHowToAddAKeyToOne() {
        String owner = ownerOf(run("keys", "create").stdout().strip());
        run("keys", "create");

        ClientRun listed = ClientRun.of(List.of("keys", "list", "--data", data.toString()), List.of());

        assertThat(listed.exit()).as(listed.describe()).isZero();
        assertThat(listed.stderr())
                .contains("1 owner: " + owner + " (2 active keys)")
                .contains("keys create --owner OWNER");
    }
}
