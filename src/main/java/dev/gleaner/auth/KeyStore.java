package dev.gleaner.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Persistence of developer keys (hashes only), shared by every process of a deployment. */
public interface KeyStore {
    void insert(ApiKey key);

    Optional<ApiKey> findByHash(String keyHash);

    Optional<ApiKey> find(String keyId);

    /** Every key of {@code ownerId}, or of every owner when it is null, oldest first. */
    List<ApiKey> list(@Nullable String ownerId);

    long count();

    /** Marks the key revoked at {@code at} unless it already is; false when no such unrevoked key exists. */
    boolean revoke(String keyId, Instant at);

    /** Moves the key's expiry to {@code at} when it has none or a later one. */
    void expireBy(String keyId, Instant at);

    /** Records that the key was used at {@code at} (only ever moves forward). */
    void touch(String keyId, Instant at);

    /** Every owner that has or had a key, with its counts. */
    List<Owner> owners(Instant now);

    /** An owner: keys still active at the time asked, all its keys, its projects. */
    record Owner(String id, long activeKeys, long keys, long projects, Instant firstKeyAt) {}
}
