package dev.gleaner.crawl;

import dev.gleaner.crawl.FetchOutcome.Failure;
import dev.gleaner.crawl.FetchOutcome.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Fetcher} on the JDK HTTP client (HTTP/1.1, virtual threads). Redirects are followed here rather than by the
 * client so that the {@link AddressGuard} sees every hop before a request is sent, loops are told apart from long
 * chains, and no hop leaves http(s). The whole exchange, body included, runs on a virtual thread that is abandoned and
 * whose connection is closed once {@link FetchLimits#deadline()} passes, because the client's own request timeout only
 * covers the wait for response headers. Content encodings are decoded here too (the JDK client does not), under the
 * same body cap. Thread-safe; {@link #close} ends its client and threads.
 */
public final class JdkFetcher implements Fetcher, AutoCloseable {
    static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final FetchLimits limits;
    private final AddressGuard guard;
    private final Clock clock;
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;

    public JdkFetcher(FetchLimits limits, AddressGuard guard) {
        this(limits, guard, Clock.systemUTC());
    }

    /** @param clock reads "now" for {@code Retry-After} dates */
    public JdkFetcher(FetchLimits limits, AddressGuard guard, Clock clock) {
        this.limits = limits;
        this.guard = guard;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout())
                .executor(threads)
                .build();
    }

    @Override
    public FetchOutcome fetch(URI url) {
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        Exchange exchange = new Exchange(deadline);
        Future<FetchOutcome> running = threads.submit(() -> exchange.run(url));
        try {
            return running.get(limits.deadline().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.abort(running);
            return new Failure(Kind.TIMEOUT, "The fetch did not finish within " + seconds(limits.deadline()) + ".");
        } catch (InterruptedException e) {
            exchange.abort(running);
            Thread.currentThread().interrupt();
            return new Failure(Kind.CONNECTION, "The fetch was interrupted.");
        } catch (ExecutionException e) {
            return new Failure(Kind.CONNECTION, "The fetch failed unexpectedly: " + e.getCause() + ".");
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
        threads.shutdownNow();
    }

    /** One fetch with its redirect hops; its open body can be closed from the waiting thread. */
    private final class Exchange {
        private final long deadline;
        private @Nullable InputStream openBody;
        private boolean aborted;

        Exchange(long deadline) {
            this.deadline = deadline;
        }

        FetchOutcome run(URI url) throws InterruptedException {
            if (!isHttp(url) || url.getHost() == null) {
                return new Failure(Kind.INVALID_URL, "Only http and https URLs with a host can be fetched.");
            }
            URI current = url;
            Set<URI> seen = new HashSet<>(Set.of(current));
            for (int hops = 0; ; hops++) {
                Optional<String> refusal = guard.refusal(current);
                if (refusal.isPresent()) {
                    return new Failure(Kind.BLOCKED_ADDRESS, refusal.get());
                }
                HttpResponse<InputStream> response;
                try {
                    response = send(current);
                } catch (IOException e) {
                    return failure(current, e);
                }
                int status = response.statusCode();
                Optional<String> location = response.headers().firstValue("location");
                if (!REDIRECTS.contains(status) || location.isEmpty()) {
                    return answer(current, response);
                }
                closeQuietly(response.body());
                Optional<NormalizedUrl> next = normalizer.resolve(current, location.get(), false);
                if (next.isEmpty()) {
                    return new Failure(
                            Kind.INVALID_URL,
                            "The server redirected to '" + shortened(location.get())
                                    + "', which is not an http(s) URL that can be fetched.");
                }
                if (!seen.add(next.get().uri())) {
                    return new Failure(Kind.TOO_MANY_REDIRECTS, "The redirects form a redirect loop.");
                }
                if (hops >= limits.maxRedirects()) {
                    return new Failure(
                            Kind.TOO_MANY_REDIRECTS,
                            "The server redirected more than " + limits.maxRedirects() + " times.");
                }
                current = next.get().uri();
            }
        }

        private HttpResponse<InputStream> send(URI url) throws IOException, InterruptedException {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new HttpTimeoutException("deadline passed before the request was sent");
            }
            HttpRequest request = HttpRequest.newBuilder(url)
                    .GET()
                    .timeout(Duration.ofNanos(remaining))
                    .header("User-Agent", limits.userAgent())
                    .header("Accept", ACCEPT)
                    .header("Accept-Encoding", "gzip")
                    .build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            hold(response.body());
            return response;
        }

        private FetchOutcome answer(URI url, HttpResponse<InputStream> response) {
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                closeQuietly(response.body());
                Duration retryAfter = status == 429 || status == 503
                        ? RetryAfter.parse(
                                response.headers().firstValue("retry-after").orElse(null), clock.instant())
                        : null;
                return new FetchOutcome.HttpError(url, status, retryAfter);
            }
            long declared =
                    response.headers().firstValueAsLong("content-length").orElse(-1L);
            if (declared > limits.maxBodyBytes()) {
                closeQuietly(response.body());
                return tooLarge();
            }
            String encoding = response.headers().firstValue("content-encoding").orElse("");
            String contentType = response.headers().firstValue("content-type").orElse("");
            try {
                return switch (BodyReader.read(response.body(), encoding, limits.maxBodyBytes())) {
                    case BodyReader.Read.Complete complete ->
                        new FetchOutcome.Fetched(url, status, contentType, complete.bytes());
                    case BodyReader.Read.TooLarge tooLarge -> tooLarge();
                    case BodyReader.Read.Undecodable undecodable -> new Failure(Kind.CONNECTION, undecodable.reason());
                };
            } catch (IOException e) {
                return failure(url, e);
            }
        }

        private synchronized void hold(InputStream body) {
            if (aborted) {
                closeQuietly(body);
            }
            openBody = body;
        }

        /** Stops the exchange: closes its body stream (which ends a blocked read) and interrupts its thread. */
        void abort(Future<FetchOutcome> running) {
            InputStream body;
            synchronized (this) {
                aborted = true;
                body = openBody;
            }
            if (body != null) {
                closeQuietly(body);
            }
            running.cancel(true);
        }
    }

    private FetchOutcome tooLarge() {
        return new Failure(
                Kind.TOO_LARGE, "The response body is larger than the limit of " + limits.maxBodyBytes() + " bytes.");
    }

    private FetchOutcome failure(URI url, IOException e) {
        String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        if (e instanceof HttpConnectTimeoutException) {
            return new Failure(
                    Kind.TIMEOUT,
                    "Connecting to " + host + " took longer than " + seconds(limits.connectTimeout()) + ".");
        }
        if (e instanceof HttpTimeoutException) {
            return new Failure(Kind.TIMEOUT, "The fetch did not finish within " + seconds(limits.deadline()) + ".");
        }
        if (e instanceof ConnectException) {
            return new Failure(Kind.CONNECTION, "Could not connect to " + host + ": the connection was refused.");
        }
        if (e instanceof SSLException) {
            return new Failure(Kind.CONNECTION, "The secure connection to " + host + " failed: " + e.getMessage());
        }
        return new Failure(Kind.CONNECTION, "The connection to " + host + " failed: " + describe(e));
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() + "." : message + ".";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? duration.toSeconds() + " seconds"
                : String.format(Locale.ROOT, "%.1f seconds", duration.toMillis() / 1000.0);
    }

    private static boolean isHttp(URI url) {
        String scheme = url.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    }

    private static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // The exchange is over either way; a failing close changes nothing for the caller.
        }
    }
}
