package dev.gleaner.auth;

import dev.gleaner.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Issues and checks developer keys ({@code dk_…}). Only the SHA-256 hash of a key is stored; a presented key is
 * hashed and the stored hash compared in constant time. Each key belongs to one owner.
 */
public final class DeveloperKeys {
    private static final String PREFIX = "dk_";
    private static final int SECRET_BYTES = 32;

    private final KeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DeveloperKeys(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A newly issued key; {@code secret} is shown once and never stored. */
    public record IssuedKey(String secret, String ownerId, String name) {}

    /** Issues a key for {@code ownerId}, or for a new owner when it is null. */
    public IssuedKey create(String name, @Nullable String ownerId) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + HexFormat.of().formatHex(bytes);
        String owner = ownerId != null ? ownerId : Ids.next("owner");
        store.insert(new ApiKey(Ids.next("key"), owner, name, hash(secret), clock.instant()));
        return new IssuedKey(secret, owner, name);
    }

    /** The owner of a presented key, or empty when it is missing, malformed or unknown. */
    public Optional<String> ownerOf(@Nullable String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(presented);
        return store.findByHash(hash)
                .filter(key -> MessageDigest.isEqual(
                        key.keyHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)))
                .map(ApiKey::ownerId);
    }

    public boolean anyExist() {
        return store.count() > 0;
    }

    static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
