package dev.gleaner.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Signature} header value of a body: {@code sha256=} and the lowercase hex HMAC-SHA256 of the exact body
 * bytes, keyed with the UTF-8 bytes of the owner's secret. A receiver recomputes it over the raw body it received and
 * compares in constant time. During a rotation's overlap the header carries one signature per valid secret, newest
 * first, separated by commas ({@code sha256=<new>,sha256=<old>}); a receiver accepts the body when any of them matches.
 */
public final class WebhookSignature {
    public static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int GENERATED_SECRET_BYTES = 32;

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The header value signing {@code body} with each of {@code secrets}, in their order, separated by commas. */
    public static String header(java.util.List<String> secrets, byte[] body) {
        java.util.StringJoiner header = new java.util.StringJoiner(",");
        for (String secret : secrets) {
            header.add(new WebhookSignature(secret).sign(body));
        }
        return header.toString();
    }

    /** A new random secret (256 bits, hex), for a deployment that configured none. */
    public static String generateSecret() {
        byte[] bytes = new byte[GENERATED_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
