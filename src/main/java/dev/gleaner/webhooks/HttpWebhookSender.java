package dev.gleaner.webhooks;

import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.crawl.GuardedHttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The {@link WebhookSender} over a {@link GuardedHttpClients} client: the receiver's host is resolved once by the
 * deployment's {@link AddressGuard} (the crawler's private-network policy) and the connection goes to an address it
 * checked, so a webhook cannot reach the service's own network, not even through a DNS answer that changes. Redirects
 * are not followed (a 3xx is an answer like any other non-2xx, and following it would bypass the guard). Only the first
 * {@code maxResponseBytes} of an answer are read, within what is left of the timeout.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    private final CloseableHttpClient client;
    private final int maxResponseBytes;
    private final String userAgent;

    public HttpWebhookSender(AddressGuard guard, int maxResponseBytes, Duration connectTimeout, String userAgent) {
        this.maxResponseBytes = maxResponseBytes;
        this.userAgent = userAgent;
        this.client = GuardedHttpClients.create(guard, connectTimeout, connectTimeout);
    }

    // The connect timeout is the one of this request (the webhook's timeout); its replacement is set per client.
    @SuppressWarnings("deprecation")
    @Override
    public Answer post(URI url, Map<String, String> headers, byte[] body, Duration timeout) {
        long started = System.nanoTime();
        HttpPost request;
        try {
            request = new HttpPost(url);
        } catch (IllegalArgumentException e) {
            return new Answer.NoAnswer("The request could not be built: " + describe(e));
        }
        Timeout wait = Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
        request.setConfig(RequestConfig.custom()
                .setConnectTimeout(wait)
                .setResponseTimeout(wait)
                .setConnectionRequestTimeout(wait)
                .build());
        request.setHeader("User-Agent", userAgent);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, null));
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            Duration left = timeout.minusNanos(System.nanoTime() - started);
            HttpEntity entity = response.getEntity();
            byte[] start = entity == null ? new byte[0] : start(entity.getContent(), left);
            return new Answer.Status(response.getCode(), snippet(start));
        } catch (GuardedHttpClients.RefusedHostException e) {
            return new Answer.NoAnswer(e.reason());
        } catch (SocketTimeoutException e) {
            return new Answer.NoAnswer("No answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer.NoAnswer("Connection failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.NoAnswer("Interrupted while sending (the process is stopping)");
        }
    }

    @Override
    public void close() {
        client.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
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
