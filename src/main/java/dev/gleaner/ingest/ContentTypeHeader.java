package dev.gleaner.ingest;

import java.nio.charset.Charset;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a {@code Content-Type} value extraction needs.
 *
 * @param mediaType lower-cased type and subtype without parameters ({@code text/html}); empty when absent
 * @param charset the declared charset when it is present and supported by this JVM
 */
record ContentTypeHeader(String mediaType, @Nullable Charset charset) {
    static ContentTypeHeader parse(@Nullable String value) {
        if (value == null) {
            return new ContentTypeHeader("", null);
        }
        String[] parts = value.split(";", -1);
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        Charset charset = null;
        for (int i = 1; i < parts.length && charset == null; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                charset = supported(unquoted(parameter.substring(equals + 1).strip()));
            }
        }
        return new ContentTypeHeader(mediaType, charset);
    }

    private static String unquoted(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static @Nullable Charset supported(String name) {
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException invalidName) {
            return null;
        }
    }
}
