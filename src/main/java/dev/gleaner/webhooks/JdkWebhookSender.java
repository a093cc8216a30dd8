package dev.gleaner.webhooks;

import dev.gleaner.crawl.AddressGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link WebhookSender} over the JDK HTTP client. The URL's host must pass the deployment's {@link AddressGuard}
 * (the crawler's private-network policy) first, so a webhook cannot reach the service's own network. Redirects are not
 * followed (a 3xx is an answer like any other non-2xx, and following it would bypass the guard). Only the first
 * {@code maxResponseBytes} of an answer are read, within what is left of the timeout.
 */
public final class JdkWebhookSender implements WebhookSender {
    private final HttpClient client;
    private final AddressGuard guard;
    private final int maxResponseBytes;
    private final String userAgent;

    public JdkWebhookSender(AddressGuard guard, int maxResponseBytes, Duration connectTimeout, String userAgent) {
        this.guard = guard;
        this.maxResponseBytes = maxResponseBytes;
        this.userAgent = userAgent;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Answer post(URI url, Map<String, String> headers, byte[] body, Duration timeout) {
        Optional<String> refusal = guard.refusal(url);
        if (refusal.isPresent()) {
            return new Answer.NoAnswer(refusal.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                return new Answer.Status(response.statusCode(), snippet(in.readNBytes(maxResponseBytes)));
            }
        } catch (HttpTimeoutException e) {
            return new Answer.NoAnswer("No answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer.NoAnswer("Connection failed: " + describe(e));
        } catch (IllegalArgumentException e) {
            return new Answer.NoAnswer("The request could not be built: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.NoAnswer("Interrupted while sending (the process is stopping)");
        }
    }

    /**
     * The first bytes of the answer's body, read within {@code left}: a receiver that sent its status and then stalls
     * keeps its answer (the status is what counts) with what arrived, never a thread.
     */
    private byte[] start(InputStream body, Duration left) throws IOException, InterruptedException {
        try (body) {
            FutureTask<byte[]> read = new FutureTask<>(() -> body.readNBytes(maxResponseBytes));
            Thread.ofVirtual().name("gleaner-webhook-answer").start(read);
            try {
                return read.get(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return new byte[0];
            }
        }
    }

    /** The bytes as text; a character cut at the end of the kept bytes becomes a replacement character. */
    private static String snippet(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
