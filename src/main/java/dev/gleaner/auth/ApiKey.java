package dev.gleaner.auth;

import java.time.Instant;

/** A stored developer key: only the SHA-256 hash of the secret is kept. */
public record ApiKey(String id, String ownerId, String name, String keyHash, Instant createdAt) {}
