package dev.gleaner.crawl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the HTTP clients that send the service's outbound requests (page fetches, robots.txt, sitemaps, webhooks) so
 * that every connection goes to an address the {@link AddressGuard} checked: the client's resolver is the guard's one
 * lookup ({@link GuardedDns}), so a host is resolved once per connection, every address it resolved to is judged, and
 * the socket is opened to one of those very addresses. TLS still names the URL's host (SNI and certificate hostname
 * verification), because the client keeps the host name and the resolved address apart.
 *
 * <p>The JDK {@code HttpClient} cannot be given a resolver; a process-wide {@code InetAddressResolverProvider} could,
 * but it would judge every lookup of the process (the database host, an embedding endpoint on the local network) by
 * the crawler's policy, and could not be given a test's resolver per client. Apache HttpClient takes a resolver per
 * connection manager. The clients follow no redirects (the callers judge every hop), decode no content encoding (the
 * fetcher does, under its size cap), keep no cookies, retry nothing and ignore proxy settings.
 */
public final class GuardedHttpClients {
    /** Connections per server a client keeps; crawl concurrency per server is far below this. */
    private static final int MAX_CONNECTIONS_PER_SERVER = 64;

    private static final int MAX_CONNECTIONS = 512;

    private GuardedHttpClients() {}

    /**
     * A client whose connections pass {@code guard}, time out connecting after {@code connectTimeout}, and waiting for
     * data after {@code readTimeout}.
     */
    public static CloseableHttpClient create(AddressGuard guard, Duration connectTimeout, Duration readTimeout) {
        return create(guard, connectTimeout, readTimeout, PoolingHttpClientConnectionManagerBuilder.create());
    }

    /**
     * Like {@link #create(AddressGuard, Duration, Duration)}, but trusting the certificates {@code tls} trusts instead
     * of the JDK's: for a deployment with its own certificate authority, and for tests with a certificate of their
     * own. The host name is still verified against the URL's host.
     */
    public static CloseableHttpClient create(
            AddressGuard guard, Duration connectTimeout, Duration readTimeout, SSLContext tls) {
        return create(
                guard,
                connectTimeout,
                readTimeout,
                PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                                .setSslContext(tls)
                                .buildClassic()));
    }

    private static CloseableHttpClient create(
            AddressGuard guard,
            Duration connectTimeout,
            Duration readTimeout,
            PoolingHttpClientConnectionManagerBuilder builder) {
        PoolingHttpClientConnectionManager connections = builder.setDnsResolver(new GuardedDns(guard))
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_SERVER)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .disableDefaultUserAgent()
                .build();
    }

    /** Thrown by the client's resolver when the guard refuses a host; the connection is never opened. */
    public static final class RefusedHostException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        private final AddressGuard.Refusal refusal;
        private final String reason;

        RefusedHostException(AddressGuard.Resolution.Refused refused) {
            super(refused.reason());
            this.refusal = refused.kind();
            this.reason = refused.reason();
        }

        public AddressGuard.Refusal refusal() {
            return refusal;
        }

        /** The guard's sentence: the cause and what to do. */
        public String reason() {
            return reason;
        }
    }

    /** The guard as the client's resolver: one lookup, every address judged, only checked addresses returned. */
    static final class GuardedDns implements DnsResolver {
        private final AddressGuard guard;

        GuardedDns(AddressGuard guard) {
            this.guard = guard;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return switch (guard.resolve(host)) {
                case AddressGuard.Resolution.Allowed allowed ->
                    allowed.addresses().toArray(InetAddress[]::new);
                case AddressGuard.Resolution.Refused refused -> throw new RefusedHostException(refused);
            };
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
