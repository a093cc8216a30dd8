package dev.gleaner.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret values with a {@link SecretsKey}: AES-256-GCM (the JDK's), a new random 12-byte nonce per value, a
 * 128-bit tag, and a context (say, a header's name) bound as associated data, so a sealed value moved under another
 * name does not open. A sealed value is text: {@code v1.<key id>.<base64url of nonce and ciphertext>}. Thread-safe.
 */
public final class SecretBox {
    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretsKey key;
    private final SecretKeySpec spec;
    private final SecureRandom random;

    public SecretBox(SecretsKey key, SecureRandom random) {
        this.key = key;
        this.spec = new SecretKeySpec(key.bytes(), "AES");
        this.random = random;
    }

    /** The id of the key this box seals with. */
    public String keyId() {
        return key.id();
    }

    /** {@code plain} sealed under {@code context}. */
    public String seal(String plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out =
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return PREFIX + key.id() + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** What {@code sealed} holds, when it was sealed with this box's key under {@code context}. */
    public Opened open(String sealed, String context) {
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 3 || !sealed.startsWith(PREFIX)) {
            return new Opened.Damaged();
        }
        if (!parts[1].equals(key.id())) {
            return new Opened.OtherKey(parts[1]);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return new Opened.Damaged();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return new Opened.Damaged();
        }
        try {
            byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, context);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new Opened.Value(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return new Opened.Damaged();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, spec, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** What opening a sealed value gave. */
    public sealed interface Opened {
        /** The value. */
        record Value(String text) implements Opened {
            @Override
            public String toString() {
                return "Value[***]";
            }
        }

        /** Sealed with the key of id {@code keyId}, not this one. */
        record OtherKey(String keyId) implements Opened {}

        /** Not a sealed value, or altered since it was sealed (or sealed under another context). */
        record Damaged() implements Opened {}
    }
}
