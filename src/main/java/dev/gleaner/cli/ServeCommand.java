package dev.gleaner.cli;

import dev.gleaner.api.HttpTimeouts;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.crawl.FetchLimits;
import dev.gleaner.events.EventSettings;
import dev.gleaner.ingest.DocumentLimits;
import dev.gleaner.ingest.EmbeddingThreads;
import dev.gleaner.ingest.ParserSettings;
import dev.gleaner.limits.AbuseLimits;
import dev.gleaner.webhooks.WebhookSettings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gleaner serve}: the API and the crawl workers in one process. Every option is listed in docs/configuration.md. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the API and the crawl workers.")
final class ServeCommand implements Runnable {
    @Mixin
    @SuppressWarnings("NullAway.Init")
    StoreOptions store;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    EmbeddingOptions embedding;

    @Option(names = "--host", defaultValue = "${env:GLEANER_HOST:-127.0.0.1}", description = "Address to listen on.")
    @SuppressWarnings("NullAway.Init")
    String host;

    @Option(
            names = "--port",
            defaultValue = "${env:GLEANER_PORT:-8080}",
            description = "Port to listen on (0: any free).")
    int port;

    @Option(
            names = "--allow-private-network",
            defaultValue = "${env:GLEANER_ALLOW_PRIVATE_NETWORK:-false}",
            description = "Let the crawler fetch loopback and private addresses (tests and local demos only).")
    boolean allowPrivateNetwork;

    @Option(names = "--workers", defaultValue = "${env:GLEANER_WORKERS:-16}", description = "URLs processed at once.")
    int workers;

    @Option(
            names = "--per-host-concurrency",
            defaultValue = "${env:GLEANER_PER_HOST_CONCURRENCY:-2}",
            description = "Most requests in flight to one host.")
    int perHostConcurrency;

    @Option(
            names = "--lease-seconds",
            defaultValue = "${env:GLEANER_LEASE_SECONDS:-30}",
            description =
                    "How long a claimed URL stays with a worker unless renewed (workers renew every third of it).")
    long leaseSeconds;

    @Option(
            names = "--crawl-delay-ms",
            defaultValue = "${env:GLEANER_CRAWL_DELAY_MS:-500}",
            description = "Least time between two requests to one server; robots.txt Crawl-delay may ask for more.")
    long crawlDelayMillis;

    @Option(
            names = "--max-attempts",
            defaultValue = "${env:GLEANER_MAX_ATTEMPTS:-3}",
            description = "Attempts per URL for transient failures.")
    int maxAttempts;

    @Option(
            names = "--fetch-timeout-seconds",
            defaultValue = "${env:GLEANER_FETCH_TIMEOUT_SECONDS:-30}",
            description = "Hard deadline of one fetch, body included.")
    long fetchTimeoutSeconds;

    @Option(
            names = "--max-page-bytes",
            defaultValue = "${env:GLEANER_MAX_PAGE_BYTES:-10485760}",
            description = "Largest page body read (decompressed).")
    long maxPageBytes;

    @Option(
            names = "--max-request-bytes",
            defaultValue = "${env:GLEANER_MAX_REQUEST_BYTES:-1048576}",
            description = "Largest API request body.")
    long maxRequestBytes;

    @Option(
            names = "--max-upload-bytes",
            defaultValue = "${env:GLEANER_MAX_UPLOAD_BYTES:-26214400}",
            description = "Largest uploaded dataset file.")
    long maxUploadBytes;

    @Option(
            names = "--upload-max-attempts",
            defaultValue = "${env:GLEANER_UPLOAD_MAX_ATTEMPTS:-6}",
            description = "Attempts at embedding one upload when the model fails transiently.")
    int uploadMaxAttempts;

    @Option(
            names = "--upload-retry-backoff-ms",
            defaultValue = "${env:GLEANER_UPLOAD_RETRY_BACKOFF_MS:-5000}",
            description = "Wait before an upload's second attempt; doubled before each further one.")
    long uploadRetryBackoffMillis;

    @Option(
            names = "--parser-processes",
            defaultValue = "${env:GLEANER_PARSER_PROCESSES:-2}",
            description =
                    "Parser processes (JVMs) reading PDF and office documents; the most documents parsed at once.")
    int parserProcesses;

    @Option(
            names = "--parser-heap-mb",
            defaultValue = "${env:GLEANER_PARSER_HEAP_MB:-512}",
            description = "Heap of each parser process; a document needing more fails as too large.")
    int parserHeapMegabytes;

    @Option(
            names = "--parse-timeout-seconds",
            defaultValue = "${env:GLEANER_PARSE_TIMEOUT_SECONDS:-30}",
            description = "Longest parse of one document; its parser process is killed after it.")
    long parseTimeoutSeconds;

    @Option(
            names = "--max-document-unpacked-mb",
            defaultValue = "${env:GLEANER_MAX_DOCUMENT_UNPACKED_MB:-128}",
            description = "Largest unpacked size of a zip-based document (DOCX, ODT).")
    long maxDocumentUnpackedMegabytes;

    @Option(
            names = "--max-document-parts",
            defaultValue = "${env:GLEANER_MAX_DOCUMENT_PARTS:-5000}",
            description = "Most zip entries of a zip-based document (DOCX, ODT).")
    int maxDocumentParts;

    @Option(
            names = "--max-inflate-ratio",
            defaultValue = "${env:GLEANER_MAX_INFLATE_RATIO:-100}",
            description = "Largest unpacked-to-packed size ratio of a part of a zip-based document.")
    int maxInflateRatio;

    @Option(
            names = "--user-agent",
            defaultValue = "${env:GLEANER_USER_AGENT:-GleanerBot/0.1 (+https://github.com/gleaner-kb/gleaner)}",
            description = "User-Agent sent by the crawler.")
    @SuppressWarnings("NullAway.Init")
    String userAgent;

    @Option(
            names = "--events-poll-ms",
            defaultValue = "${env:GLEANER_EVENTS_POLL_MS:-200}",
            description = "How often the job events feed reads the jobs that changed.")
    long eventsPollMillis;

    @Option(
            names = "--events-heartbeat-seconds",
            defaultValue = "${env:GLEANER_EVENTS_HEARTBEAT_SECONDS:-15}",
            description = "Longest silence on a job events stream before a keep-alive comment (at most 25).")
    long eventsHeartbeatSeconds;

    @Option(
            names = "--events-max-streams",
            defaultValue = "${env:GLEANER_EVENTS_MAX_STREAMS:-1000}",
            description = "Most job events streams open at once in this process (503 beyond).")
    int eventsMaxStreams;

    @Option(
            names = "--events-token-seconds",
            defaultValue = "${env:GLEANER_EVENTS_TOKEN_SECONDS:-60}",
            description = "How long a minted job events token can open a stream.")
    long eventsTokenSeconds;

    @Option(
            names = "--webhook-secret",
            defaultValue = "${env:GLEANER_WEBHOOK_SECRET}",
            description = "One secret every owner's webhook bodies are signed with (at least 16 characters), for a"
                    + " single-tenant deployment; when unset (recommended), each owner has its own secret, generated"
                    + " when first needed and read or rotated with 'gleaner webhooks secret'.")
    @Nullable
    String webhookSecret;

    @Option(
            names = "--webhook-max-attempts",
            defaultValue = "${env:GLEANER_WEBHOOK_MAX_ATTEMPTS:-8}",
            description = "Attempts per webhook event before it is given up as failed.")
    int webhookMaxAttempts;

    @Option(
            names = "--webhook-base-delay-ms",
            defaultValue = "${env:GLEANER_WEBHOOK_BASE_DELAY_MS:-1000}",
            description = "Wait after the first failed webhook attempt; doubled after each further one (with jitter).")
    long webhookBaseDelayMillis;

    @Option(
            names = "--webhook-max-delay-seconds",
            defaultValue = "${env:GLEANER_WEBHOOK_MAX_DELAY_SECONDS:-300}",
            description = "Longest wait between two webhook attempts.")
    long webhookMaxDelaySeconds;

    @Option(
            names = "--webhook-timeout-seconds",
            defaultValue = "${env:GLEANER_WEBHOOK_TIMEOUT_SECONDS:-10}",
            description = "Deadline of one webhook request.")
    long webhookTimeoutSeconds;

    @Option(
            names = "--webhook-response-bytes",
            defaultValue = "${env:GLEANER_WEBHOOK_RESPONSE_BYTES:-1024}",
            description = "Bytes of a receiver's answer kept in the delivery log.")
    int webhookResponseBytes;

    @Option(
            names = "--webhook-concurrency",
            defaultValue = "${env:GLEANER_WEBHOOK_CONCURRENCY:-8}",
            description = "Jobs whose webhook events are sent at once by this process.")
    int webhookConcurrency;

    @Option(
            names = "--rate-limit-per-second",
            defaultValue = "${env:GLEANER_RATE_LIMIT_PER_SECOND:-50}",
            description = "Requests per second one developer key may make to this process, on average (0: no limit).")
    double rateLimitPerSecond;

    @Option(
            names = "--rate-limit-burst",
            defaultValue = "${env:GLEANER_RATE_LIMIT_BURST:-100}",
            description = "Requests one developer key may make at once to this process (0: no limit).")
    int rateLimitBurst;

    @Option(
            names = "--auth-failures",
            defaultValue = "${env:GLEANER_AUTH_FAILURES:-20}",
            description = "Failed authentications per client address and window before its requests get 429 (0: no"
                    + " limit).")
    int authFailures;

    @Option(
            names = "--auth-failure-window-seconds",
            defaultValue = "${env:GLEANER_AUTH_FAILURE_WINDOW_SECONDS:-60}",
            description = "The window failed authentications are counted in.")
    long authFailureWindowSeconds;

    @Option(
            names = "--events-max-streams-per-owner",
            defaultValue = "${env:GLEANER_EVENTS_MAX_STREAMS_PER_OWNER:-50}",
            description = "Job events streams one owner may have open at once in this process (0: no limit).")
    int eventsMaxStreamsPerOwner;

    @Option(
            names = "--max-unfinished-jobs-per-owner",
            defaultValue = "${env:GLEANER_MAX_UNFINISHED_JOBS_PER_OWNER:-10}",
            description = "Crawl/import jobs one owner may have queued or running at once (0: no limit).")
    int maxUnfinishedJobsPerOwner;

    @Option(
            names = "--pages-per-day",
            defaultValue = "${env:GLEANER_PAGES_PER_DAY:-200000}",
            description = "Page fetches of one owner's jobs per UTC day (0: no limit).")
    long pagesPerDay;

    @Option(
            names = "--upload-bytes-per-day",
            defaultValue = "${env:GLEANER_UPLOAD_BYTES_PER_DAY:-5368709120}",
            description = "Bytes one owner may upload per UTC day (0: no limit).")
    long uploadBytesPerDay;

    @Option(
            names = "--client-address-header",
            defaultValue = "${env:GLEANER_CLIENT_ADDRESS_HEADER}",
            description = "Header a reverse proxy puts the client's address in (e.g. X-Real-IP), trusted for the"
                    + " failed-authentication throttle; unset: the connection's address.")
    @Nullable
    String clientAddressHeader;

    @Option(
            names = "--http-idle-timeout-seconds",
            defaultValue = "${env:GLEANER_HTTP_IDLE_TIMEOUT_SECONDS:-30}",
            description = "Longest silence on an API connection before it is closed.")
    long httpIdleTimeoutSeconds;

    @Option(
            names = "--http-header-timeout-seconds",
            defaultValue = "${env:GLEANER_HTTP_HEADER_TIMEOUT_SECONDS:-30}",
            description = "Longest time a client may take to send a request's line and headers, whatever its pace.")
    long httpHeaderTimeoutSeconds;

    @Option(
            names = "--http-min-body-rate",
            defaultValue = "${env:GLEANER_HTTP_MIN_BODY_RATE:-1024}",
            description = "Least average rate, in bytes per second, a request body must arrive at (0: no minimum).")
    long httpMinBodyRate;

    @Option(names = "--verbose", description = "On a failed start, print the stack trace after its one-line reason.")
    boolean verbose;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Override
    public void run() {
        GleanerConfig config = config();
        Application app = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "gleaner-shutdown"));
        String program = spec.root().name();
        app.firstKey().ifPresent(key -> {
            System.out.println("Your developer key (shown only once; owner " + key.ownerId() + "):");
            System.out.println("  " + key.secret());
            System.out.println("It authenticates the API, the web UI and the client commands (as GLEANER_KEY); more"
                    + " keys for the same owner: " + program + " keys create --owner " + key.ownerId());
        });
        System.out.println("Gleaner listening on http://" + config.host() + ":" + app.port() + " (data: "
                + config.dataDir().toAbsolutePath().normalize() + ")");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the application; any failure becomes a {@link StartException}, reported by {@link Main} in one line. */
    private Application start(GleanerConfig config) {
        try {
            // Daemon threads, shared by the in-process models for the life of the process.
            ExecutorService embeddingThreads = EmbeddingThreads.sizedToProcessors();
            return Application.start(config, embedding.embedders(embeddingThreads));
        } catch (StartException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StartException(StartFailure.of(e, config.dataDir(), config.host(), config.port()), e);
        }
    }

    GleanerConfig config() {
        FetchLimits defaults = FetchLimits.DEFAULTS;
        return new GleanerConfig(
                host,
                port,
                store.data,
                store.databaseUrl,
                allowPrivateNetwork,
                workers,
                perHostConcurrency,
                Duration.ofSeconds(leaseSeconds),
                maxAttempts,
                Duration.ofMillis(500),
                Duration.ofMillis(crawlDelayMillis),
                maxRequestBytes,
                new FetchLimits(
                        defaults.connectTimeout(),
                        Duration.ofSeconds(fetchTimeoutSeconds),
                        maxPageBytes,
                        defaults.maxRedirects(),
                        userAgent),
                maxUploadBytes,
                uploadMaxAttempts,
                Duration.ofMillis(uploadRetryBackoffMillis),
                EventSettings.DEFAULTS.with(
                        Duration.ofMillis(eventsPollMillis),
                        Duration.ofSeconds(eventsHeartbeatSeconds),
                        eventsMaxStreams,
                        Duration.ofSeconds(eventsTokenSeconds)),
                new WebhookSettings(
                        webhookMaxAttempts,
                        Duration.ofMillis(webhookBaseDelayMillis),
                        Duration.ofSeconds(webhookMaxDelaySeconds),
                        Duration.ofSeconds(webhookTimeoutSeconds),
                        webhookResponseBytes,
                        webhookConcurrency,
                        WebhookSettings.DEFAULTS.pollInterval(),
                        webhookSecret == null || webhookSecret.isEmpty() ? null : webhookSecret),
                parserSettings(),
                new AbuseLimits(
                        rateLimitPerSecond,
                        rateLimitBurst,
                        authFailures,
                        Duration.ofSeconds(authFailureWindowSeconds),
                        eventsMaxStreamsPerOwner,
                        maxUnfinishedJobsPerOwner,
                        pagesPerDay,
                        uploadBytesPerDay,
                        clientAddressHeader == null || clientAddressHeader.isBlank() ? null : clientAddressHeader),
                new HttpTimeouts(
                        Duration.ofSeconds(httpIdleTimeoutSeconds),
                        Duration.ofSeconds(httpHeaderTimeoutSeconds),
                        httpMinBodyRate));
    }

    private ParserSettings parserSettings() {
        DocumentLimits defaults = DocumentLimits.DEFAULTS;
        DocumentLimits limits = defaults.with(
                        defaults.maxTextChars(),
                        defaults.maxLinks(),
                        defaults.maxDocumentBytes(),
                        Duration.ofSeconds(parseTimeoutSeconds))
                .withZip(maxDocumentParts, maxDocumentUnpackedMegabytes * 1024 * 1024, maxInflateRatio);
        return new ParserSettings(parserProcesses, parserHeapMegabytes, limits);
    }
}
