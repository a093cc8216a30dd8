package dev.gleaner.api;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.auth.DeveloperKeys;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@code Authorization: Bearer dk_…} header into the key's owner. A missing, malformed or unknown key is a 401
 * with one message for all three, so a caller learns nothing about which keys exist.
 */
final class Authentication {
    private static final String SCHEME = "bearer ";

    private final DeveloperKeys keys;

    Authentication(DeveloperKeys keys) {
        this.keys = keys;
    }

    String ownerOf(@Nullable String authorizationHeader) {
        String token = bearerToken(authorizationHeader);
        return keys.ownerOf(token)
                .orElseThrow(() -> new ServiceException(
                        ErrorCode.UNAUTHORIZED,
                        "A valid developer key is required",
                        Map.of("Authorization", "must be 'Bearer dk_…' with a valid developer key")));
    }

    /** The token of a {@code Bearer} header (scheme case-insensitive), or null. */
    static @Nullable String bearerToken(@Nullable String header) {
        if (header == null || header.length() <= SCHEME.length()) {
            return null;
        }
        if (!header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        String token = header.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
