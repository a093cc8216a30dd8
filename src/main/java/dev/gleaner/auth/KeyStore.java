package dev.gleaner.auth;

import java.util.Optional;

/** Persistence of developer keys (hashes only). */
public interface KeyStore {
    void insert(ApiKey key);

    Optional<ApiKey> findByHash(String keyHash);

    long count();
}
