package dev.gleaner;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code Content-Type} value: the one parser of media types for every package (crawled pages, sitemaps,
 * uploads, request bodies).
 *
 * <p>Parsing is lenient as browsers are: the type and subtype are lower-cased and stripped, parameter names are
 * lower-cased, quoted values are unquoted, and anything that is not {@code type/subtype} makes the value {@link #NONE}
 * rather than an error (a header is the sender's claim, never a reason to stop).
 *
 * @param essence lower-cased {@code type/subtype} without parameters ({@code text/html}); empty when absent or invalid
 * @param parameters the parameters by lower-cased name, first occurrence kept, in header order
 */
public record MediaType(String essence, Map<String, String> parameters) {
    /** No media type: the header was absent or not {@code type/subtype}. */
    public static final MediaType NONE = new MediaType("", Map.of());

    /** Labels that say nothing about the content: the bytes decide. */
    private static final Set<String> GENERIC =
            Set.of("", "application/octet-stream", "binary/octet-stream", "application/unknown", "unknown/unknown");

    public MediaType {
        parameters = Map.copyOf(parameters);
    }

    /** {@code value} parsed; {@link #NONE} when it is null, blank or not {@code type/subtype}. */
    public static MediaType parse(@Nullable String value) {
        if (value == null) {
            return NONE;
        }
        String[] parts = value.split(";", -1);
        String essence = parts[0].strip().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1 || essence.indexOf('/', slash + 1) >= 0 || hasSpace(essence)) {
            return NONE;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0) {
                String name = parts[i].substring(0, equals).strip().toLowerCase(Locale.ROOT);
                parameters.putIfAbsent(
                        name, unquoted(parts[i].substring(equals + 1).strip()));
            }
        }
        return new MediaType(essence, parameters);
    }

    /** Whether there is no media type. */
    public boolean isEmpty() {
        return essence.isEmpty();
    }

    /** Whether the label says nothing about the content: absent, or an "any bytes" type such as octet-stream. */
    public boolean isGeneric() {
        return GENERIC.contains(essence);
    }

    /** Whether this is one of {@code essences}. */
    public boolean is(String... essences) {
        for (String candidate : essences) {
            if (essence.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the parameter {@code name} (case-insensitive). */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The declared {@code charset} label as written (for example {@code "Shift_JIS"}). */
    public Optional<String> charsetLabel() {
        return parameter("charset").filter(label -> !label.isBlank());
    }

    /** The declared charset when this JVM supports it under that name or an alias. */
    public Optional<Charset> charset() {
        return charsetLabel().flatMap(MediaType::supported);
    }

    /** The value as a header would carry it. */
    @Override
    public String toString() {
        StringBuilder value = new StringBuilder(essence);
        parameters.forEach(
                (name, parameter) -> value.append("; ").append(name).append('=').append(parameter));
        return value.toString();
    }

    private static boolean hasSpace(String essence) {
        return essence.chars().anyMatch(Character::isWhitespace);
    }

    private static String unquoted(String value) {
        if (value.length() >= 2
                && ((value.startsWith("\"") && value.endsWith("\""))
                        || (value.startsWith("'") && value.endsWith("'")))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static Optional<Charset> supported(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalArgumentException invalidName) {
            return Optional.empty();
        }
    }
}
