package dev.gleaner.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.config.WebhooksConfig;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.TestSite;
import dev.gleaner.testsite.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each owner's events are signed with the owner's own secret, read once and rotated through the API. */
class WebhookSecretsApiIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String SECRET = "/v1/webhooks/secret";
    private static final WebhooksConfig PER_OWNER = new WebhooksConfig(
            3,
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofSeconds(20),
            64,
            4,
            Duration.ofMillis(50),
            null);

    @TempDir
    Path data;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @Test
    void twoOwnersEventsAreSignedWithDifferentSecretsEachVerifyingOnlyItsOwn() throws Exception {
        TestApp app = opened(TestApp.start(data, config -> config.withWebhooks(w -> PER_OWNER)));
        TestSite site = opened(TestSite.withGeneratedSite(1));
        WebhookReceiver receiver = opened(WebhookReceiver.accepting());
        TestApi alice = app.newOwner();
        TestApi bob = app.newOwner();
        String aliceSecret = secretOf(alice);
        String bobSecret = secretOf(bob);

        crawl(Kb.create(alice), site, receiver, "alice");
        crawl(Kb.create(bob), site, receiver, "bob");
        await().atMost(WITHIN).until(() -> receiver.received().size() == 2);

        assertThat(aliceSecret).isNotEqualTo(bobSecret).startsWith("whsec_");
        for (WebhookReceiver.Received event : receiver.received()) {
            boolean fromAlice = "alice".equals(event.header("X-Tenant"));
            String own = fromAlice ? aliceSecret : bobSecret;
            String other = fromAlice ? bobSecret : aliceSecret;
            assertThat(event.header("X-Signature")).isEqualTo("sha256=" + hmac(own, event.body()));
            assertThat(event.header("X-Signature")).doesNotContain(hmac(other, event.body()));
        }
    }

    @Test
    void theSecretIsShownOnceAndARotationSignsWithBothDuringItsOverlap() throws Exception {
        TestApp app = opened(TestApp.start(data, config -> config.withWebhooks(w -> PER_OWNER)));
        TestSite site = opened(TestSite.withGeneratedSite(1));
        WebhookReceiver receiver = opened(WebhookReceiver.accepting());
        TestApi owner = app.newOwner();
        String old = secretOf(owner);

        TestApi.Response again = owner.get(SECRET);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().has("secret")).isFalse();
        assertThat(again.json().path("shownBefore").asBoolean()).isTrue();

        TestApi.Response rotated = owner.post(SECRET + "/rotate?overlapSeconds=3600", Map.of());
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String fresh = rotated.json().path("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.json().path("previousValidUntil").asText()).isNotEmpty();

        Kb kb = Kb.create(owner);
        crawl(kb, site, receiver, "t");
        await().atMost(WITHIN).until(() -> receiver.received().size() == 1);
        WebhookReceiver.Received during = receiver.received().getFirst();
        assertThat(during.header("X-Signature"))
                .isEqualTo("sha256=" + hmac(fresh, during.body()) + ",sha256=" + hmac(old, during.body()));

        TestApi.Response cutOver = owner.post(SECRET + "/rotate?overlapSeconds=0", Map.of());
        String newest = cutOver.json().path("secret").asText();
        crawl(kb, site, receiver, "t");
        await().atMost(WITHIN).until(() -> receiver.received().size() == 2);
        WebhookReceiver.Received after = receiver.received().get(1);
        assertThat(after.header("X-Signature")).isEqualTo("sha256=" + hmac(newest, after.body()));
    }

    @Test
    void aBadOverlapIsRefusedAndADeploymentWideSecretMakesTheRoutesAConflict() {
        TestApp perOwner = opened(TestApp.start(data.resolve("a"), config -> config.withWebhooks(w -> PER_OWNER)));
        TestApi.Response tooLong = perOwner.newOwner().post(SECRET + "/rotate?overlapSeconds=99999999", Map.of());
        TestApi.Response notANumber = perOwner.newOwner().post(SECRET + "/rotate?overlapSeconds=soon", Map.of());
        assertThat(tooLong.status()).as(tooLong.text()).isEqualTo(400);
        assertThat(notANumber.status()).as(notANumber.text()).isEqualTo(400);

        TestApp deploymentWide = opened(TestApp.start(data.resolve("b")));
        TestApi.Response conflict = deploymentWide.newOwner().get(SECRET);
        assertThat(conflict.status()).as(conflict.text()).isEqualTo(409);
        assertThat(conflict.json().path("error").path("message").asText()).contains("--webhook-secret");
    }

    @Test
    void webhookHeaderValuesAreNeverReturnedByTheJobRoutes() {
        TestApp app = opened(TestApp.start(data, config -> config.withWebhooks(w -> PER_OWNER)));
        TestSite site = opened(TestSite.withGeneratedSite(1));
        WebhookReceiver receiver = opened(WebhookReceiver.accepting());
        Kb kb = Kb.create(app.newOwner());
        String jobId = kb.crawl(Map.of(
                "url",
                site.siteUrl().toString(),
                "sitemap",
                "skip",
                "webhook",
                Map.of(
                        "url",
                        receiver.url("/hook").toString(),
                        "headers",
                        Map.of("Authorization", "Bearer s3cr3t-v4lue"))));
        kb.awaitFinished(jobId, WITHIN);

        for (String path : List.of(
                "/crawl/jobs",
                "/crawl/jobs/" + jobId,
                "/crawl/jobs/" + jobId + "/pages",
                "/crawl/jobs/" + jobId + "/webhooks")) {
            TestApi.Response response = kb.api().get(kb.path() + path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.text()).as(path).doesNotContain("s3cr3t-v4lue");
        }
    }

    private static String secretOf(TestApi owner) {
        TestApi.Response response = owner.get(SECRET);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("shownBefore").asBoolean()).isFalse();
        return body.path("secret").asText();
    }

    private static void crawl(Kb kb, TestSite site, WebhookReceiver receiver, String tenant) {
        kb.crawl(Map.of(
                "url",
                site.siteUrl().toString(),
                "sitemap",
                "skip",
                "webhook",
                Map.of(
                        "url",
                        receiver.url("/hook").toString(),
                        "events",
                        List.of("crawl.started"),
                        "headers",
                        Map.of("X-Tenant", tenant))));
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
