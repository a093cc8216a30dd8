package dev.gleaner.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one webhook request. Never throws for what the network or the receiver did: every way an attempt can end is an
 * {@link Answer}. Must return within about {@code timeout}.
 */
public interface WebhookSender {
    Answer post(URI url, Map<String, String> headers, byte[] body, Duration timeout);

    /** How an attempt ended. */
    sealed interface Answer {
        /** The receiver answered with {@code status}; {@code snippet} is the start of its body. */
        record Status(int status, String snippet) implements Answer {}

        /** No answer: refused address, connection error, timeout. {@code error} says which, in words. */
        record NoAnswer(String error) implements Answer {}
    }
}
