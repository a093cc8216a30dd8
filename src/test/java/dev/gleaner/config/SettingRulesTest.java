package dev.gleaner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules a configuration is checked against, and how their problems are reported. */
class SettingRulesTest {
    private static final GleanerConfig DEFAULTS = GleanerConfig.defaults();

    private static InvalidConfigurationException refused(Runnable build) {
        return catchThrowableOfType(InvalidConfigurationException.class, build::run);
    }

    @Test
    void theDefaultsPassEveryRule() {
        assertThat(DEFAULTS.crawl().workers()).isEqualTo(16);
        assertThat(DEFAULTS.store().dataDir()).isEqualTo(Path.of("./gleaner-data"));
    }

    @Test
    void aValueOutsideItsRangeNamesTheFlagTheRangeAndTheValue() {
        assertThat(refused(() -> DEFAULTS.withCrawl(c -> c.withWorkers(0))).problems())
                .containsExactly("--workers must be ≥ 1, was 0");
        assertThat(refused(() -> DEFAULTS.withServer(s -> new ServerConfig("127.0.0.1", 65_536, false)))
                        .problems())
                .containsExactly("--port must be between 0 and 65535, was 65536");
        assertThat(refused(() -> DEFAULTS.withPoliteness(p -> new PolitenessConfig(2, Duration.ofMillis(-1))))
                        .problems())
                .containsExactly("--crawl-delay-ms must be ≥ 0, was -1");
        assertThat(refused(() -> DEFAULTS.withParsing(p -> p.withProcesses(1, 31)))
                        .problems())
                .containsExactly("--parser-heap-mb must be ≥ 32, was 31");
    }

    @Test
    void durationsAreShownInTheUnitOfTheirFlag() {
        assertThat(refused(() -> DEFAULTS.withCrawl(c -> c.withLease(Duration.ZERO)))
                        .problems())
                .containsExactly("--lease-seconds must be ≥ 1, was 0");
        assertThat(refused(() -> DEFAULTS.withEvents(e -> e.withHeartbeat(Duration.ofSeconds(26))))
                        .problems())
                .containsExactly("--events-heartbeat-seconds must be between 1 and 25, was 26");
        assertThat(refused(() -> DEFAULTS.withUploads(u -> u.withRetries(1, Duration.ofMillis(-5))))
                        .problems())
                .containsExactly("--upload-retry-backoff-ms must be ≥ 0, was -5");
    }

    @Test
    void theRequestRateAndBurstAreBothOffOrBothOn() {
        assertThat(refused(() -> DEFAULTS.withLimits(l -> l.withRequestRate(0, 5)))
                        .problems())
                .containsExactly("--rate-limit-per-second and --rate-limit-burst must both be 0 (no limit) or both"
                        + " positive, were 0 and 5");
        assertThat(DEFAULTS.withLimits(l -> l.withRequestRate(0, 0)).limits().requestBurst())
                .isZero();
        assertThat(refused(() -> DEFAULTS.withLimits(l -> l.withRequestRate(-1, 0)))
                        .problems())
                .contains("--rate-limit-per-second must be ≥ 0, was -1");
    }

    @Test
    void aWebhookSecretIsLongEnoughAndNeverShown() {
        InvalidConfigurationException e = refused(() -> DEFAULTS.withWebhooks(w -> w.withSecret("hunter2")));

        assertThat(e.problems()).containsExactly("--webhook-secret must have at least 16 characters, had 7");
        assertThat(e.getMessage()).doesNotContain("hunter2");
        assertThat(DEFAULTS.withWebhooks(w -> w.withSecret("0123456789abcdef"))
                        .webhooks()
                        .secret())
                .isEqualTo("0123456789abcdef");
    }

    @Test
    void textSettingsAreCheckedToo() {
        assertThat(refused(() -> DEFAULTS.withStore(s -> new StoreConfig(s.dataDir(), "jdbc:mysql://db/x")))
                        .problems())
                .containsExactly("--database-url must start with jdbc:postgresql:, was jdbc:mysql://db/x");
        assertThat(refused(() -> DEFAULTS.withServer(s -> new ServerConfig(" ", 8080, false)))
                        .problems())
                .containsExactly("--host must not be blank");
        assertThat(refused(() -> DEFAULTS.withEmbedding(e -> new EmbeddingConfig(
                                "m", "ftp://example.invalid", null, 0, 64, Duration.ofSeconds(60), 4)))
                        .problems())
                .containsExactly("--openai-base-url must be an http(s) URL, was ftp://example.invalid");
        assertThat(refused(() -> DEFAULTS.withRender(r -> r.withChromium(" "))).problems())
                .containsExactly("--chromium must not be blank");
    }

    @Test
    void everyProblemOfEveryGroupIsListedAtOnceInTheTablesOrder() {
        InvalidConfigurationException e = refused(() -> new GleanerConfig(
                new ServerConfig("h", -1, false),
                DEFAULTS.store(),
                DEFAULTS.crawl().withWorkers(0),
                DEFAULTS.politeness(),
                DEFAULTS.http(),
                DEFAULTS.uploads(),
                DEFAULTS.events().withHeartbeat(Duration.ofSeconds(30)),
                DEFAULTS.parsing(),
                DEFAULTS.render().withTimeout(Duration.ZERO),
                DEFAULTS.limits().withRequestRate(0, 5),
                DEFAULTS.embedding(),
                DEFAULTS.webhooks().withSecret("short")));

        assertThat(e.problems())
                .containsExactly(
                        "--port must be between 0 and 65535, was -1",
                        "--workers must be ≥ 1, was 0",
                        "--events-heartbeat-seconds must be between 1 and 25, was 30",
                        "--render-timeout-seconds must be between 1 and 300, was 0",
                        "--rate-limit-per-second and --rate-limit-burst must both be 0 (no limit) or both positive,"
                                + " were 0 and 5",
                        "--webhook-secret must have at least 16 characters, had 5");
    }

    @Test
    void everyNumericDefaultIsWithinItsOwnRange() {
        for (Setting setting : Settings.all()) {
            if (!setting.range().equals(Range.ANY)) {
                assertThat(setting.range().contains(setting.defaultDouble()))
                        .as(setting.option())
                        .isTrue();
            }
        }
    }

    @Test
    void flagsAndVariablesAreUniqueAndFollowOneNaming() {
        Set<String> options = new HashSet<>();
        for (Setting setting : Settings.all()) {
            assertThat(options.add(setting.option())).as(setting.option()).isTrue();
            assertThat(setting.option()).matches("--[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(setting.environmentVariable()).matches("GLEANER_[A-Z0-9_]+");
        }
        assertThat(CrawlSetting.WORKERS.environmentVariable()).isEqualTo("GLEANER_WORKERS");
        assertThat(LimitSetting.MAX_UNFINISHED_JOBS_PER_OWNER.environmentVariable())
                .isEqualTo("GLEANER_MAX_UNFINISHED_JOBS_PER_OWNER");
    }

    @Test
    void everyGroupHasSettingsAndTheLookupFindsEachByItsFlag() {
        for (SettingGroup group : SettingGroup.values()) {
            assertThat(Settings.of(group)).as(group.title()).isNotEmpty();
        }
        for (Setting setting : Settings.all()) {
            assertThat(Settings.byOption(setting.option())).contains(setting);
        }
        assertThat(Settings.byOption("--no-such-flag")).isEmpty();
    }

    @Test
    void aSettingWithoutADefaultHasNone() {
        assertThat(WebhookSetting.SECRET.defaultValue()).isNull();
        assertThatThrownBy(WebhookSetting.SECRET::required).hasMessageContaining("--webhook-secret has no default");
    }

    @Test
    void rangesDescribeThemselves() {
        assertThat(Range.atLeast(1).describe()).isEqualTo("≥ 1");
        assertThat(Range.between(1, 25).describe()).isEqualTo("between 1 and 25");
        assertThat(Range.ANY.describe()).isEmpty();
        assertThatThrownBy(() -> Range.between(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
