package dev.gleaner.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.testsite.TestSite;
import dev.gleaner.testsite.WebhookReceiver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The webhook sender connects only to addresses the crawler's guard checked, through the same one lookup. */
class HttpWebhookSenderIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] BODY = "{\"event\":\"crawl.started\"}".getBytes(StandardCharsets.UTF_8);

    /** Lets only 127.0.0.1 through: the receiver stands in for a public one. */
    private static final AddressGuard.Policy ONLY_127_0_0_1 = address ->
            address.getHostAddress().equals("127.0.0.1") ? Optional.empty() : Optional.of("a test-forbidden address");

    @Test
    void aReceiverNameThatRebindsToLoopbackAfterBeingCheckedIsNeverReached() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        AddressGuard.Resolver rebinding = host -> {
            if (!host.equals("hooks.rebind.test")) {
                throw new UnknownHostException(host);
            }
            return lookups.getAndIncrement() == 0
                    ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
                    : new InetAddress[] {TestSite.ADDRESS};
        };
        AddressGuard guard = new AddressGuard(false, rebinding);
        assertThat(guard.resolve("hooks.rebind.test")).isInstanceOf(AddressGuard.Resolution.Allowed.class);

        try (WebhookReceiver receiver = WebhookReceiver.accepting();
                HttpWebhookSender sender = new HttpWebhookSender(guard, 1024, TIMEOUT, "GleanerTest/1")) {
            URI url = URI.create("http://hooks.rebind.test:" + receiver.url("/").getPort() + "/hook");

            WebhookSender.Answer answer = sender.post(url, Map.of("Content-Type", "application/json"), BODY, TIMEOUT);

            assertThat(answer)
                    .isInstanceOfSatisfying(WebhookSender.Answer.NoAnswer.class, none -> assertThat(none.error())
                            .contains("127.0.0.1 of hooks.rebind.test")
                            .contains("--allow-private-network"));
            assertThat(receiver.received())
                    .as("requests that reached the loopback receiver")
                    .isEmpty();
        }
        assertThat(lookups).hasValue(2);
    }

    @Test
    void refusesALoopbackReceiverWhenPrivateNetworksAreNotAllowed() {
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
                HttpWebhookSender sender = new HttpWebhookSender(
                        new AddressGuard(false, InetAddress::getAllByName), 1024, TIMEOUT, "GleanerTest/1")) {
            WebhookSender.Answer answer = sender.post(receiver.url("/hook"), Map.of(), BODY, TIMEOUT);

            assertThat(answer)
                    .isInstanceOfSatisfying(WebhookSender.Answer.NoAnswer.class, none -> assertThat(none.error())
                            .contains("loopback"));
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void postsToTheCheckedAddressWithTheReceiversHostName() {
        AtomicInteger lookups = new AtomicInteger();
        AddressGuard.Resolver pinned = host -> {
            lookups.incrementAndGet();
            if (!host.equals("hooks.pinned.test")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {TestSite.ADDRESS};
        };
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
                HttpWebhookSender sender = new HttpWebhookSender(
                        new AddressGuard(ONLY_127_0_0_1, pinned), 1024, TIMEOUT, "GleanerTest/1")) {
            int port = receiver.url("/").getPort();

            WebhookSender.Answer answer = sender.post(
                    URI.create("http://hooks.pinned.test:" + port + "/hook"),
                    Map.of("Content-Type", "application/json", "X-Tenant", "t1"),
                    BODY,
                    TIMEOUT);

            assertThat(answer).isEqualTo(new WebhookSender.Answer.Status(200, "answered 200"));
            assertThat(receiver.received()).singleElement().satisfies(received -> {
                assertThat(received.header("Host")).isEqualTo("hooks.pinned.test:" + port);
                assertThat(received.header("X-Tenant")).isEqualTo("t1");
                assertThat(received.header("Content-Type")).isEqualTo("application/json");
                assertThat(received.body()).isEqualTo(BODY);
            });
        }
        assertThat(lookups).hasValue(1);
    }
}
