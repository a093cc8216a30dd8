package dev.gleaner.crawl;

import org.jspecify.annotations.Nullable;

/**
 * A page's HTTP validators: the {@code ETag} and {@code Last-Modified} values its server sent with it, each exactly as
 * sent (null when absent). Sent back as {@code If-None-Match} / {@code If-Modified-Since}, they let the server answer
 * 304 instead of sending a page that has not changed.
 */
public record Validators(@Nullable String etag, @Nullable String lastModified) {
    /** No validators: the request is unconditional. */
    public static final Validators NONE = new Validators(null, null);

    /** The longest validator value kept; a longer one is ignored (a guard against headers used as storage). */
    public static final int MAX_LENGTH = 512;

    public Validators {
        etag = usable(etag);
        lastModified = usable(lastModified);
    }

    /** True when there is nothing to send: a request with these validators is unconditional. */
    public boolean none() {
        return etag == null && lastModified == null;
    }

    private static @Nullable String usable(@Nullable String value) {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return null; // never echo a control character into a request header
            }
        }
        return value.strip();
    }
}
