package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gleaner.config.CrawlConfig;
import dev.gleaner.config.GleanerConfig;
import dev.gleaner.config.InvalidConfigurationException;
import dev.gleaner.config.Range;
import dev.gleaner.config.RenderConfig;
import dev.gleaner.config.Setting;
import dev.gleaner.config.Settings;
import dev.gleaner.render.ChromiumSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The options of {@code serve}: their defaults come from the table of settings, their values make the config. */
class ServeOptionsTest {
    /** Options about the command itself rather than the service: not settings, so not in the table. */
    private static final Set<String> COMMAND_OPTIONS = Set.of("--verbose");

    private static ServeCommand parsed(Map<String, String> environment, String... args) {
        ServeCommand serve = new ServeCommand();
        CommandLine commandLine = new CommandLine(serve);
        commandLine.setDefaultValueProvider(new SettingDefaults(environment::get));
        commandLine.parseArgs(args);
        return serve;
    }

    private static GleanerConfig config(String... args) {
        return parsed(Map.of(), args).config();
    }

    @Test
    void withNoFlagsAndNoVariablesTheConfigIsTheTablesDefaults() {
        assertThat(config()).isEqualTo(GleanerConfig.defaults());
    }

    /** The options of serve that are settings: all but help, version and the command's own. */
    private static List<OptionSpec> settingOptions() {
        return new CommandLine(new ServeCommand())
                .getCommandSpec().options().stream()
                        .filter(option -> !option.usageHelp() && !option.versionHelp())
                        .filter(option -> !COMMAND_OPTIONS.contains(option.longestName()))
                        .toList();
    }

    @Test
    void everyOptionOfServeIsASettingAndEverySettingAnOption() {
        Set<String> options =
                settingOptions().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
        Set<String> settings = Settings.all().stream().map(Setting::option).collect(Collectors.toSet());

        assertThat(options).isEqualTo(settings);
    }

    @Test
    void noOptionCarriesADefaultOfItsOwn() {
        for (OptionSpec option : settingOptions()) {
            assertThat(option.defaultValue()).as(option.longestName()).isNull();
        }
    }

    @Test
    void aVariableOverridesTheDefaultAndAFlagOverridesTheVariable() {
        Map<String, String> environment = Map.of("GLEANER_WORKERS", "4", "GLEANER_CRAWL_DELAY_MS", "250");

        assertThat(parsed(environment).config().crawl().workers()).isEqualTo(4);
        assertThat(parsed(environment).config().politeness().crawlDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(parsed(environment, "--workers", "2").config().crawl().workers())
                .isEqualTo(2);
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        assertThat(parsed(Map.of("GLEANER_WORKERS", "", "GLEANER_WEBHOOK_SECRET", ""))
                        .config())
                .isEqualTo(GleanerConfig.defaults());
    }

    @Test
    void theRenderFlagsReachTheirRecordAndTheBrowsersSettings() {
        GleanerConfig config = config(
                "--chromium",
                "/opt/chrome/chrome",
                "--render-tabs",
                "4",
                "--render-timeout-seconds",
                "30",
                "--render-max-html-mb",
                "2",
                "--render-third-party",
                "--render-max-requests",
                "40",
                "--crawl-delay-ms",
                "250");

        assertThat(config.render())
                .isEqualTo(new RenderConfig("/opt/chrome/chrome", 4, Duration.ofSeconds(30), 2, true, 40));
        assertThat(FeatureSettings.render(config.render(), config.politeness()))
                .isEqualTo(new ChromiumSettings(
                        "/opt/chrome/chrome",
                        4,
                        Duration.ofSeconds(30),
                        2 * 1024 * 1024,
                        true,
                        40,
                        Duration.ofMillis(250)));
        GleanerConfig defaults = GleanerConfig.defaults();
        assertThat(FeatureSettings.render(defaults.render(), defaults.politeness()))
                .satisfies(settings -> assertThat(settings.executable()).isEqualTo("chromium"))
                .satisfies(settings -> assertThat(settings.maxRequests()).isEqualTo(100));
    }

    @Test
    void theFlagsOfEachGroupReachItsRecord() {
        GleanerConfig config = config(
                "--host",
                "0.0.0.0",
                "--port",
                "9090",
                "--allow-private-network",
                "--data",
                "/tmp/g",
                "--database-url",
                "jdbc:postgresql://127.0.0.1:5432/test",
                "--workers",
                "3",
                "--lease-seconds",
                "12",
                "--max-attempts",
                "5",
                "--fetch-timeout-seconds",
                "7",
                "--max-page-bytes",
                "1000",
                "--user-agent",
                "Bot/1",
                "--per-host-concurrency",
                "4",
                "--crawl-delay-ms",
                "0",
                "--max-request-bytes",
                "2048",
                "--http-idle-timeout-seconds",
                "9",
                "--max-upload-bytes",
                "4096",
                "--events-heartbeat-seconds",
                "5",
                "--parse-timeout-seconds",
                "11",
                "--max-document-unpacked-mb",
                "64");

        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.server().allowPrivateNetwork()).isTrue();
        assertThat(config.store().dataDir()).isEqualTo(Path.of("/tmp/g"));
        assertThat(config.store().databaseUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(config.crawl())
                .isEqualTo(new CrawlConfig(
                        3, Duration.ofSeconds(12), 5, CrawlConfig.POLL_INTERVAL, Duration.ofSeconds(7), 1000, "Bot/1"));
        assertThat(config.politeness().perHostConcurrency()).isEqualTo(4);
        assertThat(config.politeness().crawlDelay()).isZero();
        assertThat(config.http().maxRequestBytes()).isEqualTo(2048);
        assertThat(config.http().idleTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(config.uploads().maxBytes()).isEqualTo(4096);
        assertThat(config.events().heartbeat()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.parsing().parseTimeout()).isEqualTo(Duration.ofSeconds(11));
        assertThat(FeatureSettings.parsing(config.parsing()).limits().maxUnpackedBytes())
                .isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void everyLimitOfTheTableIsEnforcedWithTheFlagInTheMessage() {
        for (Setting setting : Settings.all()) {
            Range range = setting.range();
            if (range.equals(Range.ANY)) {
                continue;
            }
            if (range.min() > Long.MIN_VALUE) {
                assertRefused(setting, range.min() - 1);
            }
            if (range.max() < Integer.MAX_VALUE) {
                assertRefused(setting, range.max() + 1);
            }
        }
    }

    private static void assertRefused(Setting setting, long value) {
        ServeCommand serve = parsed(Map.of(), setting.option(), Long.toString(value));
        InvalidConfigurationException refused =
                catchThrowableOfType(InvalidConfigurationException.class, serve::config);

        assertThat(refused).as(setting.option() + " " + value).isNotNull();
        assertThat(refused.problems()).as(setting.option() + " " + value).anySatisfy(problem -> assertThat(problem)
                .startsWith(setting.option() + " must be " + setting.range().describe())
                .endsWith("was " + value));
    }

    @Test
    void keysAndOwnersTakeTheStoreDefaultsFromTheTableToo() {
        CommandLine.ParseResult result = Main.commandLine().parseArgs("owners", "list");
        CommandLine.ParseResult list = result.subcommand().subcommand();

        Path data = list.commandSpec().findOption("--data").getValue();
        assertThat(data).isEqualTo(Path.of("./gleaner-data"));
    }
}
