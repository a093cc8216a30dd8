package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.config.WebhooksConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The webhook flags of {@code serve}. The environment of the test run sets none of the GLEANER_WEBHOOK_ ones. */
class WebhookOptionsTest {
    private static WebhooksConfig parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.config().webhooks();
    }

    @Test
    void theDefaultsAreTheDocumentedOnesWithNoSecret() {
        WebhooksConfig settings = parse();

        assertThat(settings.secret()).isNull();
        assertThat(settings).isEqualTo(WebhooksConfig.defaults());
    }

    @Test
    void everyFlagIsTaken() {
        WebhooksConfig settings = parse(
                "--webhook-secret", "0123456789abcdef0123",
                "--webhook-max-attempts", "3",
                "--webhook-base-delay-ms", "250",
                "--webhook-max-delay-seconds", "60",
                "--webhook-timeout-seconds", "4",
                "--webhook-response-bytes", "100",
                "--webhook-concurrency", "2");

        assertThat(settings)
                .isEqualTo(new WebhooksConfig(
                        3,
                        Duration.ofMillis(250),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(4),
                        100,
                        2,
                        WebhooksConfig.POLL_INTERVAL,
                        "0123456789abcdef0123"));
    }
}
