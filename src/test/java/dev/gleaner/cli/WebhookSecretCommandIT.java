package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gleaner webhooks secret [--rotate]} against a server with per-owner secrets. */
class WebhookSecretCommandIT {
    @TempDir
    Path data;

    private TestApp app;
    private TestApi api;

    @BeforeEach
    void start() {
        app = TestApp.start(data, config -> config.withWebhooks(w -> w.withSecret(null)));
        api = app.newOwner();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private ClientRun run(String... args) {
        return ClientRun.of(
                List.of(args),
                List.of("--server", "http://127.0.0.1:" + app.port(), "--key", Objects.requireNonNull(api.key())));
    }

    @Test
    void showsTheSecretOnceThenRotatesIt() {
        ClientRun first = run("webhooks", "secret");
        ClientRun second = run("webhooks", "secret");
        ClientRun rotated = run("webhooks", "secret", "--rotate", "--overlap-seconds", "600");

        assertThat(first.exit()).as(first.describe()).isZero();
        String secret = first.stdout().lines().findFirst().orElseThrow();
        assertThat(secret).startsWith("whsec_");
        assertThat(first.stdout()).contains("not shown again");
        assertThat(second.exit()).as(second.describe()).isZero();
        assertThat(second.stdout()).doesNotContain(secret).contains("--rotate");
        assertThat(rotated.exit()).as(rotated.describe()).isZero();
        String fresh = rotated.stdout().lines().findFirst().orElseThrow();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(rotated.stdout()).contains("The previous secret also signs events until");
    }
}
