package dev.gleaner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/keys}: a key lists, creates and revokes its owner's keys; revoked and expired keys get a 401 saying so. */
class KeysApiIT {
    private static final Instant START = Instant.parse("2026-06-10T12:00:00Z");

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(START);
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.start(TestApp.config(data), clock);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void aKeyCreatesAnotherKeyOfItsOwnerThatSeesTheSameProjects() {
        TestApi first = app.newOwner();
        first.post("/v1/projects", Map.of("name", "shared"));

        TestApi.Response created = first.post("/v1/keys", Map.of("name", "ci"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.json().path("key").asText();
        assertThat(secret).startsWith("dk_");
        assertThat(created.json().path("data").path("name").asText()).isEqualTo("ci");
        assertThat(created.json().path("data").path("status").asText()).isEqualTo("active");
        TestApi second = first.withKey(secret);
        assertThat(second.get("/v1/projects").json().path("data"))
                .extracting(project -> project.path("name").asText())
                .containsExactly("shared");
    }

    @Test
    void theListShowsEveryKeyOfTheOwnerWithItsLastUseButNeverASecret() {
        TestApi first = app.newOwner();
        String secret =
                first.post("/v1/keys", Map.of("name", "ci")).json().path("key").asText();
        TestApi otherOwner = app.newOwner();

        TestApi.Response listed = first.get("/v1/keys");

        assertThat(listed.status()).isEqualTo(200);
        JsonNode keys = listed.json().path("data");
        assertThat(keys).extracting(k -> k.path("name").asText()).containsExactly("test", "ci");
        assertThat(keys.get(0).path("current").asBoolean()).isTrue();
        assertThat(keys.get(1).path("current").asBoolean()).isFalse();
        assertThat(keys.get(0).path("lastUsedAt").asText()).isEqualTo("2026-06-10T12:00:00.000Z");
        assertThat(keys.get(1).has("lastUsedAt")).as("never used yet").isFalse();
        assertThat(listed.text())
                .doesNotContain(secret)
                .doesNotContain(first.key())
                .doesNotContain("keyHash");
        assertThat(otherOwner.get("/v1/keys").json().path("data")).hasSize(1);
    }

    @Test
    void aRevokedKeyGetsA401SayingSoAndTheOwnersOtherKeysGoOnWorking() {
        TestApi first = app.newOwner();
        JsonNode created = first.post("/v1/keys", Map.of("name", "leaked")).json();
        TestApi leaked = first.withKey(created.path("key").asText());
        String leakedId = created.path("data").path("id").asText();

        TestApi.Response revoked = first.delete("/v1/keys/" + leakedId);

        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        TestApi.Response refused = leaked.get("/v1/projects");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").path("message").asText()).contains("revoked");
        assertThat(first.get("/v1/projects").status()).isEqualTo(200);
        assertThat(first.get("/v1/keys")
                        .json()
                        .path("data")
                        .get(1)
                        .path("status")
                        .asText())
                .isEqualTo("revoked");
    }

    @Test
    void anotherOwnersKeyIsNotFoundAndStaysValid() {
        TestApi mine = app.newOwner();
        TestApi theirs = app.newOwner();
        String theirId =
                theirs.get("/v1/keys").json().path("data").get(0).path("id").asText();

        assertThat(mine.delete("/v1/keys/" + theirId).status()).isEqualTo(404);
        assertThat(mine.delete("/v1/keys/key_doesnotexist").status()).isEqualTo(404);
        assertThat(theirs.get("/v1/projects").status()).isEqualTo(200);
    }

    @Test
    void aKeyWithAnExpiryWorksUntilThenAndGetsA401SayingItExpired() {
        TestApi first = app.newOwner();
        TestApi.Response created = first.post("/v1/keys", Map.of("name", "temp", "expiresAt", "2026-06-10T13:00:00Z"));
        assertThat(created.json().path("data").path("expiresAt").asText()).isEqualTo("2026-06-10T13:00:00.000Z");
        TestApi temp = first.withKey(created.json().path("key").asText());
        assertThat(temp.get("/v1/projects").status()).isEqualTo(200);

        clock.advance(Duration.ofHours(1));

        TestApi.Response refused = temp.get("/v1/projects");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").path("message").asText()).contains("expired");
        assertThat(first.get("/v1/keys")
                        .json()
                        .path("data")
                        .get(1)
                        .path("status")
                        .asText())
                .isEqualTo("expired");
    }

    @Test
    void aBadCreateRequestListsEveryProblemAndCreatesNothing() {
        TestApi first = app.newOwner();

        TestApi.Response bad =
                first.post("/v1/keys", Map.of("name", "x".repeat(101), "expiresAt", "tomorrow", "owner", "o"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("details").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("name", "expiresAt", "owner");
        assertThat(first.post("/v1/keys", Map.of("expiresAt", "2026-06-10T11:00:00Z"))
                        .status())
                .as("an expiry in the past")
                .isEqualTo(400);
        assertThat(first.get("/v1/keys").json().path("data")).hasSize(1);
    }
}
