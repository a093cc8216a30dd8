package dev.gleaner.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.testapp.Kb;
import dev.gleaner.testapp.TestApi;
import dev.gleaner.testapp.TestApp;
import dev.gleaner.testsite.GeneratedSite;
import dev.gleaner.testsite.TestSite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI following a job whose events stream drops mid-job, in a real headless Chromium against the real application
 * (stream tokens valid for one second) and a loopback site whose one gated page keeps the job running until the test
 * lets it finish. The browser reaches the application through a {@link CuttableRelay}, which drops the open stream as a
 * lost network would.
 */
class WebUiReconnectIT {
    private static final Duration JOB = Duration.ofSeconds(90);
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(1);
    /** Far longer than the UI's reconnect backoff after two failures (1 s, then 2 s): room for a slow machine. */
    private static final Duration RECONNECT = Duration.ofSeconds(30);

    private static final int PAGES = 12;
    /** A page the crawl reaches early (the root links to it) and that answers only once the gate opens. */
    private static final int GATED = 7;
    /**
     * Longer than the drop and the reconnection take (about 5 s), below the test app's 10 s fetch deadline so that even
     * a failing test ends with every page fetched.
     */
    private static final long GATE_HOLD_SECONDS = 9;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    Path data;

    private final CountDownLatch gate = new CountDownLatch(1);
    private TestApp app;
    private TestSite site;
    private TestApi api;
    private HeadlessChromium browser;
    private GleanerPage page;
    private NetworkLog network;
    private CuttableRelay relay;

    @BeforeEach
    void start() {
        app = TestApp.start(data, c -> c.withEvents(e -> e.withTokenLifetime(TOKEN_LIFETIME)));
        site = TestSite.withGeneratedSite(PAGES);
        site.route(GeneratedSite.path(GATED), exchange -> {
            try {
                gate.await(GATE_HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = site.site().html(GATED, site.origin()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        api = app.newOwner();
        browser = HeadlessChromium.startRecordingNetwork(1280, 900);
        relay = new CuttableRelay(app.port());
        page = new GleanerPage(browser.driver(), "http://127.0.0.1:" + relay.port());
        network = new NetworkLog(browser.driver());
    }

    @AfterEach
    void stop() {
        gate.countDown();
        try {
            browser.close();
        } finally {
            relay.close();
            app.close();
            site.close();
        }
    }

    @Test
    void aStreamDroppedAfterItsTokenExpiredResumesWithAFreshTokenAndTheBannerEndsExact() {
        page.open();
        page.pasteKey(Objects.requireNonNull(api.key()));
        page.createProject("Flaky network");
        page.createKnowledgebase("Reconnecting");
        Kb kb = selectedKb();

        page.startCrawl(site.siteUrl().toString(), 100, 10);
        String jobId = page.awaitValue(JOB, d -> page.banners().stream()
                .filter(b -> "running".equals(b.getAttribute("data-status")))
                .filter(b ->
                        !b.findElement(By.cssSelector(".stat-done")).getText().startsWith("0 "))
                .map(b -> b.getAttribute("data-job-id"))
                .findFirst()
                .orElse(null));
        assertThat(page.feedState()).as("progress followed on the stream").isEqualTo("live");
        List<NetworkLog.Request> firstStreams = streams(network.requests());
        assertThat(firstStreams).as("streams opened before the drop").hasSize(1);
        NetworkLog.Request first = firstStreams.getFirst();
        assertThat(first.status()).isEqualTo(200);
        String firstToken = Objects.requireNonNull(first.query("token"));

        // The stream outlives its token: once the server refuses that token, the stream cannot be resumed with it.
        await().atMost(RECONNECT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> streamStatus(direct(first.url())) == 401);
        assertThat(page.feedState()).isEqualTo("live");

        int droppedAt = network.requests().size();
        relay.cut();
        page.waitUpTo(RECONNECT).withMessage("the UI noticing the drop").until(d -> "polling".equals(page.feedState()));
        // Down until a poll of the jobs listing failed too, and the page said so.
        WebElement alert =
                page.waitUpTo(RECONNECT).until(ExpectedConditions.visibilityOfElementLocated(By.id("alert")));
        assertThat(alert.getText()).contains("could not be reached");
        browser.screenshot("08-stream-dropped");
        // No stream can be asked for while the relay is down (its token cannot be minted): the one after this is new.
        int restoredAt = network.requests().size();
        relay.restore();

        page.waitUpTo(RECONNECT)
                .withMessage("the UI back on the stream, not stuck on polling")
                .until(d -> "live".equals(page.feedState()));
        int liveAt = network.requests().size();
        assertThat(page.alertShown())
                .as("the outage's message once the stream is back: %s", page.alertText())
                .isFalse();
        assertThat(kb.job(jobId).path("status").asText())
                .as("the gated page keeps the job running while the UI reconnects")
                .isEqualTo("running");
        List<NetworkLog.Request> after = network.requests();
        List<NetworkLog.Request> resumed = streams(after.subList(restoredAt, after.size()));
        assertThat(resumed)
                .as("the stream opened again once the network was back")
                .hasSize(1);
        NetworkLog.Request reconnect = resumed.getFirst();
        assertThat(reconnect.status()).isEqualTo(200);
        assertThat(reconnect.query("token"))
                .as("a token minted after the old one expired")
                .isNotNull()
                .isNotEqualTo(firstToken);
        assertThat(reconnect.query("lastEventId"))
                .as("resumes after the last event seen")
                .isNotBlank();
        assertThat(after.subList(droppedAt, after.size()))
                .filteredOn(r -> r.method().equals("POST") && r.path().endsWith("/crawl/events/token"))
                .as("a token minted after the drop")
                .anyMatch(r -> r.status() == 201);

        gate.countDown();
        page.waitUpTo(JOB).withMessage("the banner showing the job completed").until(d -> "completed"
                .equals(page.bannerElement(jobId).getAttribute("data-status")));
        JsonNode jobs = kb.jobs();
        assertThat(jobs).hasSize(1);
        JsonNode job = jobs.get(0);
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("total").asLong()).isEqualTo(PAGES);
        assertThat(job.path("done").asLong()).isEqualTo(PAGES);
        assertThat(job.path("failed").asLong()).isZero();
        GleanerPage.Banner banner = page.banner(jobId);
        assertThat(banner.status()).isEqualTo("completed");
        assertThat(banner.done())
                .isEqualTo(job.path("done").asLong() + " / " + job.path("total").asLong());
        assertThat(banner.failed()).isEqualTo(String.valueOf(job.path("failed").asLong()));
        assertThat(page.feedState()).as("still on the stream at the end").isEqualTo("live");
        List<NetworkLog.Request> end = network.requests();
        assertThat(end.subList(liveAt, end.size()))
                .as("no polling once live again: the end of the job came on the stream")
                .noneMatch(r -> r.method().equals("GET") && r.path().endsWith("/crawl/jobs"));
        assertThat(streams(end.subList(liveAt, end.size())))
                .as("no further reconnect")
                .isEmpty();
        page.awaitDatasets(PAGES, JOB);
        browser.screenshot("09-reconnected-completed");
    }

    private static List<NetworkLog.Request> streams(List<NetworkLog.Request> requests) {
        return requests.stream()
                .filter(r -> r.method().equals("GET") && r.path().endsWith("/crawl/events"))
                .toList();
    }

    /** {@code url} (of the relay) sent straight to the application. */
    private URI direct(URI url) {
        return URI.create("http://127.0.0.1:" + app.port() + url.getRawPath() + "?" + url.getRawQuery());
    }

    /** The status the server answers a new stream opened at {@code url} with (the stream is closed at once). */
    private static int streamStatus(URI url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response =
                HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private Kb selectedKb() {
        Map<String, String> selection = page.hashSelection();
        assertThat(selection).containsKeys("project", "kb");
        return new Kb(
                api, Objects.requireNonNull(selection.get("project")), Objects.requireNonNull(selection.get("kb")));
    }
}
