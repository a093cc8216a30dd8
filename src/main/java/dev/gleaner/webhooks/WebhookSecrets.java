package dev.gleaner.webhooks;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Each owner's webhook signing secret, so that a receiver of one owner cannot be sent events forged with another
 * owner's secret. A secret is generated the first time it is needed (an event to sign, or the owner asking for it) and
 * shown once: the first read after it was created, and the answer of a rotation. A rotation keeps the old secret
 * signing too for an overlap window, during which {@code X-Signature} carries both signatures.
 *
 * <p>An owner's first secret, in a deployment that used the one generated deployment-wide secret before, keeps that
 * secret as its previous one for {@link #LEGACY_OVERLAP}, so existing receivers keep verifying while they switch.
 * When the server was started with {@code --webhook-secret}, that secret signs every owner's events instead (a
 * single-tenant deployment's choice) and the per-owner secrets are not used.
 */
public final class WebhookSecrets {
    /** How long the deployment's earlier secret still signs an owner's events after the owner's own was made. */
    public static final Duration LEGACY_OVERLAP = Duration.ofDays(7);
    /** The overlap of a rotation when none is asked for. */
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    /** The longest overlap a rotation may ask for. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(30);

    private static final String PREFIX = "whsec_";

    private final WebhookSecretStore store;
    private final Clock clock;
    private final @Nullable String deploymentSecret;

    /** @param deploymentSecret the {@code --webhook-secret} every owner's events are signed with, or null */
    public WebhookSecrets(WebhookSecretStore store, Clock clock, @Nullable String deploymentSecret) {
        this.store = store;
        this.clock = clock;
        this.deploymentSecret = deploymentSecret;
    }

    /** The owner's secret as the API shows it: {@code secret} is set only when this is the time it is shown. */
    public record View(
            @Nullable String secret,
            Instant createdAt,
            @Nullable Instant rotatedAt,
            @Nullable Instant previousValidUntil,
            boolean shownBefore) {}

    /**
     * The secrets that sign the owner's events now, newest first: the owner's secret and, during an overlap, the
     * previous one; or only the deployment's {@code --webhook-secret} when one was set.
     */
    public List<String> signingSecrets(String ownerId) {
        if (deploymentSecret != null) {
            return List.of(deploymentSecret);
        }
        Instant now = clock.instant();
        OwnerSecret secret = ensure(ownerId, now);
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret.secret());
        String previous = secret.previousAt(now);
        if (previous != null) {
            secrets.add(previous);
        }
        return secrets;
    }

    /** The owner's secret, created now if there is none; the secret itself only if it was never shown before. */
    public View read(String ownerId) {
        refuseWhenDeploymentWide();
        Instant now = clock.instant();
        OwnerSecret secret = ensure(ownerId, now);
        boolean first = store.markShown(ownerId, now);
        return view(secret, first, now);
    }

    /**
     * A new secret for the owner, shown in the answer; the current one keeps signing for {@code overlap} (zero: it
     * stops at once).
     *
     * @throws ServiceException (400) when the overlap is negative or longer than {@link #MAX_OVERLAP}
     */
    public View rotate(String ownerId, Duration overlap) {
        refuseWhenDeploymentWide();
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new ServiceException(
                    ErrorCode.BAD_REQUEST,
                    "The overlap is out of range",
                    Map.of("overlapSeconds", "must be between 0 and " + MAX_OVERLAP.toSeconds()));
        }
        Instant now = clock.instant();
        OwnerSecret rotated = store.rotate(ownerId, generate(), now, now.plus(overlap));
        return view(rotated, true, now);
    }

    private OwnerSecret ensure(String ownerId, Instant now) {
        return store.find(ownerId).orElseGet(() -> {
            String legacy = store.legacySecret().orElse(null);
            return store.createIfAbsent(new OwnerSecret(
                    ownerId, generate(), legacy, legacy == null ? null : now.plus(LEGACY_OVERLAP), now, null, null));
        });
    }

    private static View view(OwnerSecret secret, boolean show, Instant now) {
        Instant previousUntil = secret.previousAt(now) == null ? null : secret.previousExpiresAt();
        return new View(show ? secret.secret() : null, secret.createdAt(), secret.rotatedAt(), previousUntil, !show);
    }

    private void refuseWhenDeploymentWide() {
        if (deploymentSecret != null) {
            throw new ServiceException(
                    ErrorCode.CONFLICT,
                    "This server signs every webhook with the secret it was started with (--webhook-secret); ask its"
                            + " operator for it. Per-owner secrets are used when the server is started without it.",
                    Map.of());
        }
    }

    private static String generate() {
        return PREFIX + WebhookSignature.generateSecret();
    }
}
