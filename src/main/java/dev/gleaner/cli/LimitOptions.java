package dev.gleaner.cli;

import dev.gleaner.config.LimitsConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The abuse limits. Defaults: {@link SettingDefaults}. */
final class LimitOptions {
    @Option(
            names = "--rate-limit-per-second",
            description = "Requests per second one developer key may make to this process, on average (0: no limit).")
    double ratePerSecond;

    @Option(
            names = "--rate-limit-burst",
            description = "Requests one developer key may make at once to this process (0: no limit).")
    int rateBurst;

    @Option(
            names = "--auth-failures",
            description = "Failed authentications per client address and window before its requests get 429 (0: no"
                    + " limit).")
    int authFailures;

    @Option(names = "--auth-failure-window-seconds", description = "The window failed authentications are counted in.")
    long authFailureWindowSeconds;

    @Option(
            names = "--events-max-streams-per-owner",
            description = "Job events streams one owner may have open at once in this process (0: no limit).")
    int streamsPerOwner;

    @Option(
            names = "--max-unfinished-jobs-per-owner",
            description = "Crawl/import jobs one owner may have queued or running at once (0: no limit).")
    int unfinishedJobsPerOwner;

    @Option(names = "--pages-per-day", description = "Page fetches of one owner's jobs per UTC day (0: no limit).")
    long pagesPerDay;

    @Option(names = "--upload-bytes-per-day", description = "Bytes one owner may upload per UTC day (0: no limit).")
    long uploadBytesPerDay;

    @Option(
            names = "--client-address-header",
            description = "Header a reverse proxy puts the client's address in (e.g. X-Real-IP), trusted for the"
                    + " failed-authentication throttle; unset: the connection's address.")
    @Nullable
    String clientAddressHeader;

    LimitsConfig config() {
        String header = clientAddressHeader;
        return new LimitsConfig(
                ratePerSecond,
                rateBurst,
                authFailures,
                Duration.ofSeconds(authFailureWindowSeconds),
                streamsPerOwner,
                unfinishedJobsPerOwner,
                pagesPerDay,
                uploadBytesPerDay,
                header == null || header.isBlank() ? null : header);
    }
}
