package dev.gleaner.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Persistence of job-event-stream tokens (hashes only), shared by every process of a deployment so that a token minted
 * by one process opens a stream on any other.
 */
public interface EventTokenStore {
    /** A stored token: who minted it, the one knowledgebase it opens, and until when. */
    record StoredToken(String ownerId, String knowledgebaseId, Instant expiresAt) {}

    void insert(String tokenHash, StoredToken token);

    Optional<StoredToken> findByHash(String tokenHash);

    /** Deletes every token that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
