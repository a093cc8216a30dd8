package dev.gleaner.webhooks;

import java.time.Instant;
import java.util.Optional;

/**
 * Where owners' webhook secrets are kept, shared by every process of a deployment. Every method is atomic: two
 * processes creating an owner's secret at once store one, and a secret is marked shown by exactly one caller.
 */
public interface WebhookSecretStore {
    /** The owner's secret, if one was created. */
    Optional<OwnerSecret> find(String ownerId);

    /** The owner's secret: the stored one, or a new one made of {@code candidate} (and the legacy overlap) now. */
    OwnerSecret createIfAbsent(OwnerSecret candidate);

    /**
     * Replaces the owner's current secret with {@code secret}; the current one becomes the previous one, valid until
     * {@code previousExpiresAt}. Creates the owner's row when there is none. Marked shown at {@code now}.
     */
    OwnerSecret rotate(String ownerId, String secret, Instant now, Instant previousExpiresAt);

    /** Marks the owner's current secret shown at {@code now}; true only for the call that found it never shown. */
    boolean markShown(String ownerId, Instant now);

    /**
     * The deployment-wide secret earlier versions generated and stored (setting {@code webhook_secret}), if there is
     * one: receivers set up before per-owner secrets verify with it.
     */
    Optional<String> legacySecret();
}
