package dev.gleaner.auth;

import dev.gleaner.ErrorCode;
import dev.gleaner.Ids;
import dev.gleaner.ServiceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Issues, checks, lists, revokes and rotates developer keys ({@code dk_…}). Only the SHA-256 hash of a key is stored;
 * a presented key is hashed and the stored hash compared in constant time. Each key belongs to one owner; an owner
 * exists as long as one of its keys does (revoked ones included).
 *
 * <p>A key's {@code lastUsedAt} is written at most once per {@link #LAST_USED_RESOLUTION} per key and process, so
 * authenticating costs no write per request.
 */
public final class DeveloperKeys {
    /** How fresh {@code lastUsedAt} is kept: at most one write per key per this period (and process). */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    /** The most keys an owner may hold that are neither revoked nor expired. */
    public static final int MAX_ACTIVE_KEYS_PER_OWNER = 100;
    /** The longest key name. */
    public static final int MAX_NAME_LENGTH = 100;

    private static final String PREFIX = "dk_";
    private static final int SECRET_BYTES = 32;

    private final KeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

    public DeveloperKeys(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A newly issued key; {@code secret} is shown once and never stored. */
    public record IssuedKey(String secret, ApiKey key) {
        public String ownerId() {
            return key.ownerId();
        }

        public String name() {
            return key.name();
        }

        public String id() {
            return key.id();
        }
    }

    /** Issues a key for {@code ownerId}, or for a new owner when it is null; it never expires. */
    public IssuedKey create(String name, @Nullable String ownerId) {
        return create(name, ownerId, null);
    }

    /**
     * Issues a key for {@code ownerId} (which must be an existing owner), or for a new owner when it is null, valid until
     * {@code expiresAt} (null: no expiry). A name that is blank or too long, an expiry not in the future, an unknown
     * owner, or an owner already holding {@link #MAX_ACTIVE_KEYS_PER_OWNER} active keys is refused with a
     * {@link ServiceException} naming the problem.
     */
    public IssuedKey create(String name, @Nullable String ownerId, @Nullable Instant expiresAt) {
        return issue(name, ownerId, expiresAt, ownerId != null);
    }

    /**
     * Issues the first key of an owner whose id the caller chose (an id already used elsewhere, e.g. by projects
     * restored from a backup). An id that already has keys is refused (409): add keys to it with {@link #create}.
     */
    public IssuedKey createForNewOwner(String name, String ownerId) {
        if (!store.list(ownerId).isEmpty()) {
            throw new ServiceException(
                    ErrorCode.CONFLICT,
                    "Owner " + ownerId + " already exists",
                    Map.of("owner", "add a key to an existing owner with 'gleaner keys create --owner'"));
        }
        return issue(name, ownerId, null, false);
    }

    private IssuedKey issue(
            String name, @Nullable String ownerId, @Nullable Instant expiresAt, boolean ownerMustExist) {
        Instant now = clock.instant();
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw ServiceException.badRequest(
                    "The key name is not valid",
                    Map.of("name", "must be 1 to " + MAX_NAME_LENGTH + " characters, not blank"));
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ServiceException.badRequest(
                    "The expiry is not in the future", Map.of("expiresAt", "must be later than now (" + now + ")"));
        }
        if (ownerId != null && ownerMustExist) {
            List<ApiKey> keys = store.list(ownerId);
            if (keys.isEmpty()) {
                throw new ServiceException(
                        ErrorCode.NOT_FOUND,
                        "Owner " + ownerId + " does not exist",
                        Map.of(
                                "owner",
                                "no key was ever issued to this owner; list owners with 'gleaner owners list'"));
            }
            long active = keys.stream().filter(key -> key.activeAt(now)).count();
            if (active >= MAX_ACTIVE_KEYS_PER_OWNER) {
                throw new ServiceException(
                        ErrorCode.CONFLICT,
                        "The owner already has " + active + " active keys",
                        Map.of(
                                "keys",
                                "at most " + MAX_ACTIVE_KEYS_PER_OWNER + " active keys per owner; revoke one first"));
            }
        }
        String secret = newSecret();
        String owner = ownerId != null ? ownerId : Ids.next("owner");
        ApiKey key = new ApiKey(Ids.next("key"), owner, name, hash(secret), now, expiresAt, null, null);
        store.insert(key);
        return new IssuedKey(secret, key);
    }

    /**
     * What a presented key is. A valid key's use is recorded ({@code lastUsedAt}, at most once per
     * {@link #LAST_USED_RESOLUTION}).
     */
    public KeyCheck check(@Nullable String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return new KeyCheck.Unknown();
        }
        String hash = hash(presented);
        Optional<ApiKey> found = store.findByHash(hash)
                .filter(key -> MessageDigest.isEqual(
                        key.keyHash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)));
        if (found.isEmpty()) {
            return new KeyCheck.Unknown();
        }
        ApiKey key = found.get();
        Instant now = clock.instant();
        if (key.revokedAt() != null) {
            return new KeyCheck.Revoked(key);
        }
        if (key.expiredAt(now)) {
            return new KeyCheck.Expired(key);
        }
        recordUse(key, now);
        return new KeyCheck.Valid(key);
    }

    /** The owner of a presented key, or empty when it is missing, malformed, unknown, revoked or expired. */
    public Optional<String> ownerOf(@Nullable String presented) {
        return check(presented) instanceof KeyCheck.Valid valid
                ? Optional.of(valid.key().ownerId())
                : Optional.empty();
    }

    private void recordUse(ApiKey key, Instant now) {
        Instant stored = key.lastUsedAt();
        Instant touched = lastTouched.get(key.id());
        Instant latest = touched == null || (stored != null && stored.isAfter(touched)) ? stored : touched;
        if (latest != null && now.isBefore(latest.plus(LAST_USED_RESOLUTION))) {
            return;
        }
        lastTouched.put(key.id(), now);
        store.touch(key.id(), now);
    }

    /** The keys of {@code ownerId}, or of every owner when null, oldest first. */
    public List<ApiKey> list(@Nullable String ownerId) {
        return store.list(ownerId);
    }

    /** The key {@code keyId} of {@code ownerId} (of any owner when null). */
    public Optional<ApiKey> find(@Nullable String ownerId, String keyId) {
        return store.find(keyId).filter(key -> ownerId == null || key.ownerId().equals(ownerId));
    }

    /**
     * Revokes the key {@code keyId} of {@code ownerId} (of any owner when null) at once; returns it as it is now. An
     * unknown key (or another owner's) is a 404; revoking a revoked key changes nothing.
     */
    public ApiKey revoke(@Nullable String ownerId, String keyId) {
        if (find(ownerId, keyId).isEmpty()) {
            throw ServiceException.notFound("Key " + keyId);
        }
        store.revoke(keyId, clock.instant());
        return store.find(keyId).orElseThrow(() -> ServiceException.notFound("Key " + keyId));
    }

    /**
     * Replaces the key {@code keyId} of {@code ownerId} (any owner when null) by a new one of the same owner, name and
     * expiry. The old key is revoked at once when {@code grace} is zero, otherwise it expires after {@code grace} (or
     * sooner, when it was due to), so clients can switch over. A revoked or expired key cannot be rotated (409).
     */
    public IssuedKey rotate(@Nullable String ownerId, String keyId, Duration grace) {
        ApiKey old = find(ownerId, keyId).orElseThrow(() -> ServiceException.notFound("Key " + keyId));
        Instant now = clock.instant();
        if (!old.activeAt(now)) {
            throw new ServiceException(
                    ErrorCode.CONFLICT,
                    "Key " + keyId + " is " + (old.revokedAt() != null ? "revoked" : "expired")
                            + " and cannot be rotated; create a new key instead",
                    Map.of("key", "must be active"));
        }
        IssuedKey issued = createReplacing(old);
        if (grace.isZero() || grace.isNegative()) {
            store.revoke(keyId, now);
        } else {
            store.expireBy(keyId, now.plus(grace));
        }
        return issued;
    }

    private IssuedKey createReplacing(ApiKey old) {
        String secret = newSecret();
        ApiKey key = new ApiKey(
                Ids.next("key"), old.ownerId(), old.name(), hash(secret), clock.instant(), old.expiresAt(), null, null);
        store.insert(key);
        return new IssuedKey(secret, key);
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    /** Every owner that has or had a key. */
    public List<KeyStore.Owner> owners() {
        return store.owners(clock.instant());
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
