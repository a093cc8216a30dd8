package dev.gleaner.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class WebhookBackoffTest {
    private static final WebhookSettings SETTINGS = new WebhookSettings(
            8,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            1024,
            2,
            Duration.ofMillis(500),
            null);

    @Test
    void theBackoffDoublesFromTheBaseDelayUpToTheMaximum() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 100).stream()
                        .map(SETTINGS::backoff)
                        .toList())
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
    }

    @Test
    void jitterTakesOffAtMostHalfOfTheBackoff() {
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(
                new NoOutbox(),
                (url, headers, body, timeout) -> new WebhookSender.Answer.Status(200, ""),
                SETTINGS,
                new WebhookSecrets(new NoSecrets(), Clock.systemUTC(), "a-secret-of-sixteen-or-more"),
                "w",
                Clock.systemUTC(),
                new SplittableRandom(7))) {
            for (int attempt = 1; attempt <= 8; attempt++) {
                Duration full = SETTINGS.backoff(attempt);
                for (int i = 0; i < 50; i++) {
                    Duration delay = dispatcher.delay(attempt);
                    assertThat(delay).isBetween(full.dividedBy(2), full);
                }
            }
        }
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> SETTINGS.withSecret("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16");
    }

    /** An outbox with nothing in it; the dispatcher is never started here. */
    private static final class NoOutbox implements WebhookOutbox {
        @Override
        public List<Delivery> claim(String workerId, int max, java.time.Instant now, Duration leaseFor) {
            return List.of();
        }

        @Override
        public boolean record(
                Delivery delivery,
                DeliveryAttempt attempt,
                DeliveryStatus status,
                java.time.@Nullable Instant nextAttemptAt) {
            return false;
        }

        @Override
        public Optional<EventLogPage> log(String knowledgebaseId, String jobId, int limit, @Nullable String cursor) {
            return Optional.empty();
        }
    }

    /** A store the dispatcher never consults: the deployment-wide secret signs everything here. */
    private static final class NoSecrets implements WebhookSecretStore {
        @Override
        public Optional<OwnerSecret> find(String ownerId) {
            throw new UnsupportedOperationException("not consulted");
        }

        @Override
        public OwnerSecret createIfAbsent(OwnerSecret candidate) {
            throw new UnsupportedOperationException("not consulted");
        }

        @Override
        public OwnerSecret rotate(String ownerId, String secret, java.time.Instant now, java.time.Instant until) {
            throw new UnsupportedOperationException("not consulted");
        }

        @Override
        public boolean markShown(String ownerId, java.time.Instant now) {
            throw new UnsupportedOperationException("not consulted");
        }

        @Override
        public Optional<String> legacySecret() {
            throw new UnsupportedOperationException("not consulted");
        }
    }
}
