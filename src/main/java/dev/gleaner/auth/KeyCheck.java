package dev.gleaner.auth;

/** What a presented developer key turned out to be. */
public sealed interface KeyCheck {
    /** A key that is accepted. */
    record Valid(ApiKey key) implements KeyCheck {}

    /** A key that was revoked: it will never be accepted again. */
    record Revoked(ApiKey key) implements KeyCheck {}

    /** A key whose expiry has passed. */
    record Expired(ApiKey key) implements KeyCheck {}

    /** Missing, malformed or unknown: nothing is said about which. */
    record Unknown() implements KeyCheck {}
}
