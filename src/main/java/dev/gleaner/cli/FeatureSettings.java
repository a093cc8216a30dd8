package dev.gleaner.cli;

import dev.gleaner.api.HttpTimeouts;
import dev.gleaner.api.ProcessRole;
import dev.gleaner.config.CrawlConfig;
import dev.gleaner.config.EmbeddingConfig;
import dev.gleaner.config.EventsConfig;
import dev.gleaner.config.HttpConfig;
import dev.gleaner.config.LimitsConfig;
import dev.gleaner.config.ParsingConfig;
import dev.gleaner.config.PolitenessConfig;
import dev.gleaner.config.RenderConfig;
import dev.gleaner.config.Role;
import dev.gleaner.config.UploadConfig;
import dev.gleaner.config.WebhooksConfig;
import dev.gleaner.crawl.FetchLimits;
import dev.gleaner.events.EventSettings;
import dev.gleaner.ingest.DocumentLimits;
import dev.gleaner.ingest.OpenAiSettings;
import dev.gleaner.ingest.ParserSettings;
import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.render.ChromiumSettings;
import dev.gleaner.uploads.UploadSettings;
import dev.gleaner.webhooks.WebhookSettings;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings records of the features, made from the configuration's groups: features never see the configuration
 * itself, only the values they need, in their own types.
 */
public final class FeatureSettings {
    private static final long MEGABYTE = 1024L * 1024;

    private FeatureSettings() {}

    /** The limits of one fetch. */
    public static FetchLimits fetchLimits(CrawlConfig crawl) {
        return new FetchLimits(
                FetchLimits.CONNECT_TIMEOUT,
                crawl.fetchTimeout(),
                crawl.maxPageBytes(),
                FetchLimits.MAX_REDIRECTS,
                crawl.userAgent());
    }

    /** How uploads are taken in and processed; a claimed upload is held as long as a claimed URL. */
    public static UploadSettings uploads(UploadConfig uploads, CrawlConfig crawl) {
        return new UploadSettings(
                uploads.maxBytes(),
                uploads.maxAttempts(),
                uploads.retryBackoff(),
                uploads.pollInterval(),
                crawl.lease());
    }

    /** What the process's HTTP server serves, and the role {@code /health} reports. */
    public static ProcessRole processRole(Role role) {
        return new ProcessRole(role.shown(), role.servesApi());
    }

    /** The job events streams' settings. */
    public static EventSettings events(EventsConfig events) {
        return EventSettings.of(events.pollInterval(), events.heartbeat(), events.maxStreams(), events.tokenLifetime());
    }

    /** How webhook events are delivered. */
    public static WebhookSettings webhooks(WebhooksConfig webhooks) {
        return new WebhookSettings(
                webhooks.maxAttempts(),
                webhooks.baseDelay(),
                webhooks.maxDelay(),
                webhooks.requestTimeout(),
                webhooks.maxResponseBytes(),
                webhooks.concurrency(),
                webhooks.pollInterval(),
                webhooks.secret());
    }

    /** The parser processes and the limits of one document. */
    public static ParserSettings parsing(ParsingConfig parsing) {
        DocumentLimits limits = DocumentLimits.of(
                parsing.parseTimeout(),
                parsing.maxParts(),
                parsing.maxUnpackedMegabytes() * MEGABYTE,
                parsing.maxInflateRatio());
        return new ParserSettings(parsing.processes(), parsing.heapMegabytes(), limits);
    }

    /**
     * How the headless browser renders pages that need JavaScript; its requests to one server are spaced by the
     * crawl's politeness gap, as page fetches are.
     */
    public static ChromiumSettings render(RenderConfig render, PolitenessConfig politeness) {
        String chromium = blankAsNull(render.chromium());
        return new ChromiumSettings(
                chromium == null ? ChromiumSettings.DEFAULT_EXECUTABLE : chromium.trim(),
                render.tabs(),
                render.timeout(),
                Math.toIntExact(render.maxHtmlMegabytes() * MEGABYTE),
                render.thirdParty(),
                render.maxRequests(),
                politeness.crawlDelay());
    }

    /** The abuse limits. */
    public static AbuseLimits limits(LimitsConfig limits) {
        return new AbuseLimits(
                limits.requestsPerSecond(),
                limits.requestBurst(),
                limits.authFailures(),
                limits.authFailureWindow(),
                limits.streamsPerOwner(),
                limits.unfinishedJobsPerOwner(),
                limits.pagesPerDay(),
                limits.uploadBytesPerDay(),
                blankAsNull(limits.clientAddressHeader()));
    }

    /** How long the API waits for a client. */
    public static HttpTimeouts httpTimeouts(HttpConfig http) {
        return new HttpTimeouts(http.idleTimeout(), http.headerTimeout(), http.minBodyBytesPerSecond());
    }

    /** The remote embedding model's settings, when one is named. */
    public static Optional<OpenAiSettings> openAi(EmbeddingConfig embedding) {
        String model = blankAsNull(embedding.model());
        if (model == null) {
            return Optional.empty();
        }
        String key = embedding.apiKey();
        return Optional.of(OpenAiSettings.of(
                URI.create(embedding.baseUrl().trim()),
                key == null ? "" : key.trim(),
                model.trim(),
                embedding.dimensions(),
                embedding.batchSize(),
                embedding.requestTimeout(),
                embedding.maxAttempts()));
    }

    private static @Nullable String blankAsNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
