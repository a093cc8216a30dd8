package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code gleaner webhooks secret [--rotate]} against a server with per-owner secrets. */
class WebhookSecretCommandIT {
    @TempDir
    Path data;

    @RegisterExtension
    final OwnedApp app = OwnedApp.in(() -> data, config -> config.withWebhooks(w -> w.withSecret(null)));

    @Test
    void showsTheSecretOnceThenRotatesIt() {
        ClientRun first = app.run("webhooks", "secret");
        ClientRun second = app.run("webhooks", "secret");
        ClientRun rotated = app.run("webhooks", "secret", "--rotate", "--overlap-seconds", "600");

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
