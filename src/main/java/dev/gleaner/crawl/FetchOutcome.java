package dev.gleaner.crawl;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How one fetch ended. */
public sealed interface FetchOutcome {

    /**
     * A 2xx response; {@code body} holds at most the configured body cap. {@code contentType} may be empty.
     * {@code validators} are the response's {@code ETag} and {@code Last-Modified}, to make the next fetch of the page
     * conditional.
     */
    @SuppressWarnings("ArrayRecordComponent") // a carrier of bytes, never compared or hashed
    record Fetched(URI finalUrl, int status, String contentType, byte[] body, Validators validators)
            implements FetchOutcome {
        /** A response without validators. */
        public Fetched(URI finalUrl, int status, String contentType, byte[] body) {
            this(finalUrl, status, contentType, body, Validators.NONE);
        }
    }

    /**
     * The server answered 304 Not Modified to a conditional request for {@code url} (never after a redirect: only the
     * request for the URL asked for carries validators): the page is as it was when its validators were stored.
     * {@code validators} are those the 304 carried, else the ones sent.
     */
    record NotModified(URI url, Validators validators) implements FetchOutcome {}

    /** A non-2xx final response (after redirects). {@code retryAfter} from a 429/503 {@code Retry-After}, if any. */
    record HttpError(URI finalUrl, int status, @Nullable Duration retryAfter) implements FetchOutcome {
        /** 5xx and 429 may succeed later. */
        public boolean transientError() {
            return status >= 500 || status == 429;
        }
    }

    /** No usable response. {@code reason} is a sentence a person understands. */
    record Failure(Kind kind, String reason) implements FetchOutcome {
        public boolean transientError() {
            return kind == Kind.TIMEOUT || kind == Kind.CONNECTION || kind == Kind.UNKNOWN_HOST;
        }
    }

    /** Why a fetch produced no usable response. */
    enum Kind {
        TIMEOUT,
        /** The server could not be reached or broke the exchange off (refused, reset, TLS failure). */
        CONNECTION,
        /** The host name did not resolve (no such host, or the lookup failed); may be temporary. */
        UNKNOWN_HOST,
        TOO_LARGE,
        TOO_MANY_REDIRECTS,
        /** The host resolved to an address the {@link AddressGuard} refuses; nothing was sent. */
        BLOCKED_ADDRESS,
        INVALID_URL
    }
}
