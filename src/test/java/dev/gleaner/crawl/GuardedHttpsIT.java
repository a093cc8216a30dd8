package dev.gleaner.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through the guarded client: the connection goes to the address the guard checked, while TLS still names the
 * URL's host (SNI) and verifies the certificate against it, and the {@code Host} header is the URL's. The host name
 * {@code site.test} resolves, through the test's resolver, to a loopback server with a certificate made for the test.
 */
final class GuardedHttpsIT {
    private static final String PASSWORD = "changeit";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    @Test
    void tlsNamesTheUrlsHostWhileTheSocketGoesToTheCheckedAddress() throws Exception {
        KeyStore keys = certificateFor("site.test");
        HttpsServer server = start(keys);
        try (CloseableHttpClient client = GuardedHttpClients.create(guard(), TIMEOUT, TIMEOUT, trusting(keys))) {
            String url = "https://site.test:" + server.getAddress().getPort() + "/hello";

            String body = client.execute(new HttpGet(url), response -> {
                assertThat(response.getCode()).isEqualTo(200);
                try (InputStream in = response.getEntity().getContent()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            });

            assertThat(body).isEqualTo("hello over TLS");
            assertThat(serverNames).containsExactly("site.test");
            assertThat(hostHeaders)
                    .containsExactly("site.test:" + server.getAddress().getPort());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedThoughItsAddressWasAllowed() throws Exception {
        KeyStore keys = certificateFor("other.test");
        HttpsServer server = start(keys);
        try (CloseableHttpClient client = GuardedHttpClients.create(guard(), TIMEOUT, TIMEOUT, trusting(keys))) {
            String url = "https://site.test:" + server.getAddress().getPort() + "/hello";

            assertThatThrownBy(() -> client.execute(new HttpGet(url), response -> response.getCode()))
                    .isInstanceOf(SSLException.class)
                    .hasMessageContaining("site.test");
            assertThat(hostHeaders).as("no request reached the server").isEmpty();
        } finally {
            server.stop(0);
        }
    }

    /** Loopback allowed (the test's server is there); {@code site.test} is 127.0.0.1, nothing else resolves. */
    private static AddressGuard guard() {
        return new AddressGuard(true, host -> {
            if (host.equals("site.test")) {
                return new InetAddress[] {InetAddress.getByAddress("site.test", new byte[] {127, 0, 0, 1})};
            }
            throw new UnknownHostException(host);
        });
    }

    private HttpsServer start(KeyStore keys) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/hello", exchange -> {
            if (((HttpsExchange) exchange).getSSLSession() instanceof ExtendedSSLSession session) {
                session.getRequestedServerNames().stream()
                        .filter(SNIHostName.class::isInstance)
                        .map(name -> ((SNIHostName) name).getAsciiName())
                        .forEach(serverNames::add);
            }
            hostHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
            byte[] body = "hello over TLS".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static SSLContext trusting(KeyStore keys) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }

    /** A self-signed certificate for {@code host}, made by the JDK's keytool (the JDK has no API for it). */
    private KeyStore certificateFor(String host) throws Exception {
        Path store = dir.resolve(host + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=" + host,
                        "-ext",
                        "SAN=dns:" + host,
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the test's key store " + store, e);
        }
        return keys;
    }
}
