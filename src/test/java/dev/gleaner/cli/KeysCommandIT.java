package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.auth.DeveloperKeys;
import dev.gleaner.auth.KeyCheck;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.store.Database;
import dev.gleaner.store.SqlKeyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gleaner keys create|list|revoke|rotate} and {@code gleaner owners list}, in-process on a SQLite data dir. */
class KeysCommandIT {
    private static final Pattern KEY_ID = Pattern.compile("key_[A-Za-z0-9_-]+");
    private static final Pattern OWNER_ID = Pattern.compile("owner_[A-Za-z0-9_-]+");

    @TempDir
    Path data;

    private ClientRun run(String... args) {
        return ClientRun.of(List.of(args), List.of("--data", data.toString()));
    }

    private KeyCheck check(String secret) {
        try (Database database = Database.sqlite(data.resolve(Database.SQLITE_FILE_NAME))) {
            return new DeveloperKeys(new SqlKeyStore(database), Clock.systemUTC()).check(secret);
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group();
    }

    @Test
    void createPrintsOnlyTheKeyAndSaysWhenItIsTheDeploymentsFirst() {
        ClientRun created = run("keys", "create", "--name", "laptop");

        assertThat(created.exit()).as(created.describe()).isZero();
        assertThat(created.stdout()).matches("dk_[0-9a-f]{64}\\R");
        assertThat(created.stderr()).contains("first key of this deployment");
        assertThat(check(created.stdout().strip())).isInstanceOf(KeyCheck.Valid.class);
        assertThat(run("keys", "create").stderr()).doesNotContain("first key");
    }

    @Test
    void listShowsEveryKeyWithItsOwnerAndDatesButNeverASecret() {
        String secret = run("keys", "create", "--name", "laptop").stdout().strip();
        String owner = first(OWNER_ID, run("owners", "list").stdout());
        run("keys", "create", "--name", "ci", "--owner", owner, "--expires", "2099-01-31");

        ClientRun listed = run("keys", "list");

        assertThat(listed.exit()).as(listed.describe()).isZero();
        assertThat(listed.stdout())
                .contains("ID", "NAME", "OWNER", "CREATED", "EXPIRES", "LAST USED", "STATUS")
                .contains("laptop", "ci", owner, "2099-01-31T00:00:00Z", "active")
                .doesNotContain(secret)
                .doesNotContain(secret.substring(3, 20));
        assertThat(run("keys", "list", "--owner", owner).stdout().lines().count())
                .isEqualTo(3);
    }

    @Test
    void anUnknownOwnerIsAClearErrorWithExitCode2AndCreatesNothing() {
        ClientRun onEmpty = run("keys", "create", "--owner", "owner_doesnotexist");
        assertThat(onEmpty.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(onEmpty.stdout()).isEmpty();
        assertThat(onEmpty.stderr()).contains("no owner exists yet").contains("gleaner serve");

        run("keys", "create");
        ClientRun unknown = run("keys", "create", "--owner", "owner_doesnotexist");

        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.stdout()).isEmpty();
        assertThat(unknown.stderr())
                .contains("owner_doesnotexist does not exist")
                .contains("owners list");
        assertThat(run("keys", "list").stdout().lines().count()).isEqualTo(2);
    }

    @Test
    void aBadExpiryIsAClearErrorWithExitCode2() {
        ClientRun bad = run("keys", "create", "--expires", "next tuesday");

        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.stderr()).contains("--expires").contains("30d");
        assertThat(run("keys", "create", "--expires", "2020-01-01").stderr()).contains("not in the future");
        assertThat(run("keys", "list").stderr()).contains("No keys yet");
    }

    @Test
    void revokeMakesTheKeyRefusedAndListSaysSo() {
        String secret = run("keys", "create", "--name", "leaked").stdout().strip();
        String keyId = first(KEY_ID, run("keys", "list").stdout());

        ClientRun revoked = run("keys", "revoke", keyId);

        assertThat(revoked.exit()).as(revoked.describe()).isZero();
        assertThat(revoked.stderr()).contains("Revoked key " + keyId);
        assertThat(check(secret)).isInstanceOf(KeyCheck.Revoked.class);
        assertThat(run("keys", "list").stdout()).contains("revoked");
        assertThat(run("keys", "revoke", "key_doesnotexist").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void rotatePrintsANewKeyOfTheSameOwnerAndRevokesTheOldOneUnlessGivenGrace() {
        String old = run("keys", "create", "--name", "deploy").stdout().strip();
        String oldId = first(KEY_ID, run("keys", "list").stdout());

        ClientRun rotated = run("keys", "rotate", oldId);

        assertThat(rotated.exit()).as(rotated.describe()).isZero();
        String fresh = rotated.stdout().strip();
        assertThat(fresh).matches("dk_[0-9a-f]{64}");
        assertThat(check(old)).isInstanceOf(KeyCheck.Revoked.class);
        KeyCheck now = check(fresh);
        assertThat(now).isInstanceOfSatisfying(KeyCheck.Valid.class, valid -> assertThat(
                        valid.key().name())
                .isEqualTo("deploy"));

        String freshId = ((KeyCheck.Valid) now).key().id();
        ClientRun graced = run("keys", "rotate", freshId, "--grace", "1h");
        assertThat(graced.stderr()).contains("stops working in 1h");
        assertThat(check(fresh)).isInstanceOf(KeyCheck.Valid.class);
        assertThat(check(graced.stdout().strip())).isInstanceOf(KeyCheck.Valid.class);
        assertThat(run("keys", "rotate", oldId).exit()).as("a revoked key").isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void ownersListShowsEachOwnerWithItsKeys() {
        assertThat(run("owners", "list").stderr()).contains("No owners yet");
        run("keys", "create");
        String owner = first(OWNER_ID, run("owners", "list").stdout());
        run("keys", "create", "--owner", owner);
        run("keys", "create", "--new-owner");

        ClientRun owners = run("owners", "list");

        assertThat(owners.exit()).isZero();
        List<String> lines = owners.stdout().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith(owner).containsPattern(owner + "\\s+2\\s+2\\s+0\\s");
    }
}
