package dev.gleaner.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A 256-bit key sealing secrets at rest, and its id: the first 8 bytes of a SHA-256 of the key, in hex, which is
 * stored beside every value sealed with it so that a process holding another key can say so. {@link #toString()} never
 * shows the key.
 */
public final class SecretsKey {
    /** Bytes of a key (AES-256). */
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private final String id;

    private SecretsKey(byte[] bytes) {
        this.bytes = bytes.clone();
        this.id = idOf(bytes);
    }

    /**
     * The key whose base64 (standard or URL-safe alphabet, padded or not) is {@code text}.
     *
     * @throws IllegalArgumentException when it is not base64 of {@link #LENGTH} bytes; the message never holds the text
     */
    public static SecretsKey fromBase64(String text) {
        byte[] decoded;
        String trimmed = text.strip();
        try {
            decoded = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not base64 (generate a key with: openssl rand -base64 32)", e);
        }
        if (decoded.length != LENGTH) {
            throw new IllegalArgumentException("must be the base64 of " + LENGTH + " bytes, not of " + decoded.length
                    + " (generate a key with: openssl rand -base64 32)");
        }
        return new SecretsKey(decoded);
    }

    /** A new random key. */
    public static SecretsKey generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new SecretsKey(bytes);
    }

    /** The key in standard base64, as a key file or {@code --secrets-key} holds it. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The key's id: 16 hex digits, the same for the same key in every process. */
    public String id() {
        return id;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretsKey key && MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SecretsKey[id=" + id + "]";
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("gleaner secrets key id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(digest.digest(key), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
