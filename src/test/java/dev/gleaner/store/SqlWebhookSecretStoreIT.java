package dev.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.ServiceException;
import dev.gleaner.testapp.MutableClock;
import dev.gleaner.webhooks.WebhookSecrets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-owner webhook secrets over SQLite and PostgreSQL, with the service that creates, shows and rotates them. */
class SqlWebhookSecretStoreIT extends DatabaseTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);

    private WebhookSecrets secrets(Stores stores) {
        return new WebhookSecrets(new SqlWebhookSecretStore(stores.database()), clock, null);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void eachOwnerGetsItsOwnSecretCreatedOnFirstNeedAndKept(Dialect dialect) {
        WebhookSecrets secrets = secrets(fresh(dialect));

        List<String> first = secrets.signingSecrets("owner_a");
        List<String> other = secrets.signingSecrets("owner_b");

        assertThat(first).singleElement().asString().startsWith("whsec_").hasSize(6 + 64);
        assertThat(other).singleElement().isNotEqualTo(first.getFirst());
        assertThat(secrets.signingSecrets("owner_a")).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theSecretIsShownOnceThenOnlyItsState(Dialect dialect) {
        WebhookSecrets secrets = secrets(fresh(dialect));
        String signing = secrets.signingSecrets("owner_a").getFirst();

        WebhookSecrets.View shown = secrets.read("owner_a");
        WebhookSecrets.View again = secrets.read("owner_a");

        assertThat(shown.secret()).isEqualTo(signing);
        assertThat(shown.shownBefore()).isFalse();
        assertThat(shown.createdAt()).isEqualTo(T0);
        assertThat(again.secret()).isNull();
        assertThat(again.shownBefore()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void duringARotationsOverlapBothSecretsSignAfterItOnlyTheNewOne(Dialect dialect) {
        WebhookSecrets secrets = secrets(fresh(dialect));
        String old = secrets.read("owner_a").secret();
        clock.advance(Duration.ofMinutes(1));

        WebhookSecrets.View rotated = secrets.rotate("owner_a", Duration.ofHours(1));

        assertThat(rotated.secret()).isNotNull().isNotEqualTo(old);
        assertThat(rotated.rotatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(rotated.previousValidUntil()).isEqualTo(T0.plus(Duration.ofMinutes(61)));
        assertThat(secrets.signingSecrets("owner_a")).containsExactly(rotated.secret(), old);
        assertThat(secrets.read("owner_a").secret())
                .as("a rotated secret was shown by the rotation")
                .isNull();

        clock.advance(Duration.ofHours(1));
        assertThat(secrets.signingSecrets("owner_a")).containsExactly(rotated.secret());
        assertThat(secrets.read("owner_a").previousValidUntil()).isNull();
        assertThat(secrets.signingSecrets("owner_b")).doesNotContain(rotated.secret(), old);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void rotatingBeforeAnySecretExistedCreatesOneWithoutAPrevious(Dialect dialect) {
        WebhookSecrets secrets = secrets(fresh(dialect));

        WebhookSecrets.View rotated = secrets.rotate("owner_new", Duration.ofHours(1));

        assertThat(secrets.signingSecrets("owner_new")).containsExactly(rotated.secret());
        assertThatThrownBy(() -> secrets.rotate("owner_new", Duration.ofDays(31)))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("overlap");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theDeploymentsEarlierSecretKeepsSigningForTheLegacyOverlap(Dialect dialect) {
        Stores stores = fresh(dialect);
        stores.database().inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO settings (name, value) VALUES ('webhook_secret', 'legacy-deployment-secret')")) {
                return insert.executeUpdate();
            }
        });
        WebhookSecrets secrets = secrets(stores);

        List<String> signing = secrets.signingSecrets("owner_a");

        assertThat(signing).hasSize(2).endsWith("legacy-deployment-secret");
        clock.advance(WebhookSecrets.LEGACY_OVERLAP);
        assertThat(secrets.signingSecrets("owner_a")).containsExactly(signing.getFirst());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aDeploymentWideSecretSignsEveryOwnersEventsAndTheOwnerRoutesSaySo(Dialect dialect) {
        WebhookSecrets deploymentWide = new WebhookSecrets(
                new SqlWebhookSecretStore(fresh(dialect).database()), clock, "configured-secret-0123456789");

        assertThat(deploymentWide.signingSecrets("owner_a")).containsExactly("configured-secret-0123456789");
        assertThat(deploymentWide.signingSecrets("owner_b")).containsExactly("configured-secret-0123456789");
        assertThatThrownBy(() -> deploymentWide.read("owner_a"))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("--webhook-secret");
    }
}
