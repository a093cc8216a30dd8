package dev.gleaner.crawl;

import dev.gleaner.MediaType;
import dev.gleaner.crawl.FetchOutcome.Failure;
import dev.gleaner.crawl.FetchOutcome.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
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
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Fetcher} over a {@link GuardedHttpClients} client (HTTP/1.1, virtual threads): the host of every hop is
 * resolved once, by the {@link AddressGuard}, and the connection goes to an address it checked. Redirects are followed
 * here rather than by the client so that loops are told apart from long chains and no hop leaves http(s). The whole
 * exchange, body included, runs on a virtual thread that is abandoned and whose connection is closed once
 * {@link FetchLimits#deadline()} passes, because the client's own timeouts only cover single waits. Content encodings
 * are decoded here (not by the client), under the same body cap. Thread-safe; {@link #close} ends its client and
 * threads.
 */
public final class HttpFetcher implements Fetcher, AutoCloseable {
    static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final FetchLimits limits;
    private final Clock clock;
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CloseableHttpClient client;

    public HttpFetcher(FetchLimits limits, AddressGuard guard) {
        this(limits, guard, Clock.systemUTC());
    }

    /** @param clock reads "now" for {@code Retry-After} dates */
    public HttpFetcher(FetchLimits limits, AddressGuard guard, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.client = GuardedHttpClients.create(guard, limits.connectTimeout(), limits.deadline());
    }

    @Override
    public FetchOutcome fetch(URI url, SiteHeaders headers) {
        return fetch(url, headers, Validators.NONE);
    }

    @Override
    public FetchOutcome fetch(URI url, SiteHeaders headers, Validators validators) {
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        Exchange exchange = new Exchange(deadline, headers, validators);
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
        client.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
        threads.shutdownNow();
    }

    /** One fetch with its redirect hops; its open body can be closed from the waiting thread. */
    private final class Exchange {
        private final long deadline;
        private final SiteHeaders headers;
        private final Validators validators;
        private @Nullable HttpGet openRequest;
        private @Nullable ClassicHttpResponse openResponse;
        private boolean aborted;

        Exchange(long deadline, SiteHeaders headers, Validators validators) {
            this.deadline = deadline;
            this.headers = headers;
            this.validators = validators;
        }

        FetchOutcome run(URI url) throws InterruptedException {
            if (!isHttp(url) || url.getHost() == null) {
                return new Failure(Kind.INVALID_URL, "Only http and https URLs with a host can be fetched.");
            }
            URI current = url;
            Set<URI> seen = new HashSet<>(Set.of(current));
            for (int hops = 0; ; hops++) {
                // The validators belong to the URL asked for: a hop to another URL is a request for another page.
                Validators conditional = hops == 0 ? validators : Validators.NONE;
                ClassicHttpResponse response;
                try {
                    response = send(current, conditional);
                } catch (IOException e) {
                    return failure(current, e);
                }
                int status = response.getCode();
                if (status == 304 && !conditional.none()) {
                    closeQuietly(response);
                    return notModified(current, response);
                }
                Optional<String> location = header(response, "location");
                if (!REDIRECTS.contains(status) || location.isEmpty()) {
                    try {
                        return answer(current, response);
                    } finally {
                        closeQuietly(response);
                    }
                }
                closeQuietly(response);
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

        private FetchOutcome notModified(URI url, ClassicHttpResponse response) {
            Validators sent = validators(response);
            return new FetchOutcome.NotModified(
                    url,
                    new Validators(
                            sent.etag() != null ? sent.etag() : validators.etag(),
                            sent.lastModified() != null ? sent.lastModified() : validators.lastModified()));
        }

        private ClassicHttpResponse send(URI url, Validators conditional) throws IOException, InterruptedException {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("deadline passed before the request was sent");
            }
            HttpGet request = new HttpGet(url);
            request.setConfig(RequestConfig.custom()
                    .setResponseTimeout(Timeout.ofMilliseconds(Math.max(1, remaining / 1_000_000)))
                    .build());
            request.setHeader("User-Agent", limits.userAgent());
            request.setHeader("Accept", ACCEPT);
            request.setHeader("Accept-Encoding", "gzip");
            // Decided anew for every hop: a redirect to another host gets none of the site's headers.
            headers.forUrl(url).forEach(request::setHeader);
            if (conditional.etag() != null) {
                request.setHeader("If-None-Match", conditional.etag());
            }
            if (conditional.lastModified() != null) {
                request.setHeader("If-Modified-Since", conditional.lastModified());
            }
            hold(request, null);
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            hold(request, response);
            return response;
        }

        private FetchOutcome answer(URI url, ClassicHttpResponse response) {
            int status = response.getCode();
            if (status < 200 || status > 299) {
                Duration retryAfter = status == 429 || status == 503
                        ? RetryAfter.parse(header(response, "retry-after").orElse(null), clock.instant())
                        : null;
                return new FetchOutcome.HttpError(url, status, retryAfter);
            }
            long declared = header(response, "content-length")
                    .flatMap(HttpFetcher::parseLong)
                    .orElse(-1L);
            if (declared > limits.maxBodyBytes()) {
                return tooLarge();
            }
            String encoding = header(response, "content-encoding").orElse("");
            String contentType = header(response, "content-type").orElse("");
            HttpEntity entity = response.getEntity();
            try (InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent()) {
                return switch (BodyReader.read(body, encoding, limits.maxBodyBytes())) {
                    case BodyReader.Read.Complete complete ->
                        fetched(url, status, contentType, complete.bytes(), validators(response));
                    case BodyReader.Read.TooLarge tooLarge -> tooLarge();
                    case BodyReader.Read.Undecodable undecodable -> new Failure(Kind.CONNECTION, undecodable.reason());
                };
            } catch (IOException e) {
                return failure(url, e);
            }
        }

        /**
         * A body labelled as text that is still gzip is unwrapped once (within the body cap): servers compress twice,
         * or compress without a {@code Content-Encoding}. A body labelled as gzip or as any bytes is left as sent.
         */
        private FetchOutcome fetched(URI url, int status, String contentType, byte[] bytes, Validators received)
                throws IOException {
            MediaType type = MediaType.parse(contentType);
            boolean labelledText = type.essence().startsWith("text/")
                    || type.is("application/xhtml+xml", "application/xml")
                    || type.essence().endsWith("+xml");
            if (!labelledText) {
                return new FetchOutcome.Fetched(url, status, contentType, bytes, received);
            }
            return switch (BodyReader.unwrapStrayGzip(bytes, limits.maxBodyBytes())) {
                case BodyReader.Read.Complete complete ->
                    new FetchOutcome.Fetched(url, status, contentType, complete.bytes(), received);
                case BodyReader.Read.TooLarge tooLarge -> tooLarge();
                case BodyReader.Read.Undecodable undecodable -> new Failure(Kind.CONNECTION, undecodable.reason());
            };
        }

        private synchronized void hold(HttpGet request, @Nullable ClassicHttpResponse response) {
            openRequest = request;
            openResponse = response;
            if (aborted) {
                request.cancel();
                if (response != null) {
                    closeQuietly(response);
                }
            }
        }

        /** Stops the exchange: cancels its request and closes its response (which ends a blocked read), interrupts its thread. */
        void abort(Future<FetchOutcome> running) {
            HttpGet request;
            ClassicHttpResponse response;
            synchronized (this) {
                aborted = true;
                request = openRequest;
                response = openResponse;
            }
            if (request != null) {
                request.cancel();
            }
            if (response != null) {
                closeQuietly(response);
            }
            running.cancel(true);
        }
    }

    private FetchOutcome tooLarge() {
        return new Failure(
                Kind.TOO_LARGE,
                "The response body is larger than the limit of " + limits.maxBodyBytes() + " bytes ("
                        + FetchLimits.MAX_BODY_FLAG + ").");
    }

    private FetchOutcome failure(URI url, IOException e) {
        String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        if (e instanceof GuardedHttpClients.RefusedHostException refused) {
            return new Failure(
                    refused.refusal() == AddressGuard.Refusal.BLOCKED ? Kind.BLOCKED_ADDRESS : Kind.UNKNOWN_HOST,
                    refused.reason());
        }
        if (e instanceof ConnectTimeoutException) {
            // Nothing answered at the network level: a connection failure (robots.txt then reports the site as
            // unreachable), not a slow server.
            return new Failure(
                    Kind.CONNECTION,
                    "Could not connect to " + host + ": no answer within " + seconds(limits.connectTimeout()) + ".");
        }
        if (e instanceof SocketTimeoutException) {
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

    private static Optional<String> header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? Optional.empty() : Optional.ofNullable(header.getValue());
    }

    private static Validators validators(ClassicHttpResponse response) {
        return new Validators(
                header(response, "etag").orElse(null),
                header(response, "last-modified").orElse(null));
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // The exchange is over either way; a failing close changes nothing for the caller.
        }
    }
}
