package dev.gleaner.webhooks;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An owner's stored webhook secret: the current one, and after a rotation the previous one, which still signs events
 * until {@code previousExpiresAt}. {@code shownAt} is when the API last handed the current secret out (null: never).
 */
public record OwnerSecret(
        String ownerId,
        String secret,
        @Nullable String previousSecret,
        @Nullable Instant previousExpiresAt,
        Instant createdAt,
        @Nullable Instant rotatedAt,
        @Nullable Instant shownAt) {

    /** The previous secret when it still verifies at {@code now}, else null. */
    public @Nullable String previousAt(Instant now) {
        return previousSecret != null && previousExpiresAt != null && now.isBefore(previousExpiresAt)
                ? previousSecret
                : null;
    }
}
