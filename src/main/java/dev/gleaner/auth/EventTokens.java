package dev.gleaner.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Mints and checks short-lived tokens ({@code evt_…}) that open the job events stream of one knowledgebase, for clients
 * that cannot send an {@code Authorization} header (a browser's {@code EventSource}). A token is not a developer key:
 * it is accepted only for the knowledgebase it was minted for, only until it expires, and only to open a stream.
 *
 * <p>Tokens are random and stored as SHA-256 hashes in the shared database (not signed with a per-process secret), so
 * a token minted by one process opens a stream on any process sharing the database, and nothing secret needs to be
 * configured. Expired tokens are deleted whenever a new one is minted.
 */
public final class EventTokens {
    private static final String PREFIX = "evt_";
    private static final int SECRET_BYTES = 24;
    private static final int MAX_PRESENTED_LENGTH = 200;

    private final EventTokenStore store;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public EventTokens(EventTokenStore store, Clock clock, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A token lifetime must be positive: " + lifetime);
        }
        this.store = store;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A newly minted token; {@code secret} is returned once and never stored. */
    public record MintedToken(String secret, Instant expiresAt) {}

    /** Mints a token of {@code ownerId} for the knowledgebase {@code knowledgebaseId} (which the caller owns). */
    public MintedToken mint(String ownerId, String knowledgebaseId) {
        Instant now = clock.instant();
        store.deleteExpired(now);
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + HexFormat.of().formatHex(bytes);
        Instant expiresAt = now.plus(lifetime);
        store.insert(DeveloperKeys.hash(secret), new EventTokenStore.StoredToken(ownerId, knowledgebaseId, expiresAt));
        return new MintedToken(secret, expiresAt);
    }

    /**
     * The owner of a presented token when it is unexpired and was minted for {@code knowledgebaseId}; empty when it is
     * missing, malformed, unknown, expired or minted for another knowledgebase.
     */
    public Optional<String> ownerOf(@Nullable String presented, String knowledgebaseId) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > MAX_PRESENTED_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.findByHash(DeveloperKeys.hash(presented))
                .filter(token -> token.expiresAt().isAfter(now))
                .filter(token -> MessageDigest.isEqual(
                        token.knowledgebaseId().getBytes(StandardCharsets.UTF_8),
                        knowledgebaseId.getBytes(StandardCharsets.UTF_8)))
                .map(EventTokenStore.StoredToken::ownerId);
    }
}
