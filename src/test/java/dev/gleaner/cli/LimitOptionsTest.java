package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.config.LimitsConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The abuse limit flags of {@code serve}. The environment of the test run sets none of their variables. */
class LimitOptionsTest {
    private static LimitsConfig parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.config().limits();
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(parse()).isEqualTo(LimitsConfig.defaults());
    }

    @Test
    void everyFlagIsTaken() {
        LimitsConfig limits = parse(
                "--rate-limit-per-second", "2.5",
                "--rate-limit-burst", "7",
                "--auth-failures", "4",
                "--auth-failure-window-seconds", "30",
                "--events-max-streams-per-owner", "3",
                "--max-unfinished-jobs-per-owner", "2",
                "--pages-per-day", "1000",
                "--upload-bytes-per-day", "2048",
                "--client-address-header", "X-Real-IP");

        assertThat(limits)
                .isEqualTo(new LimitsConfig(2.5, 7, 4, Duration.ofSeconds(30), 3, 2, 1000, 2048, "X-Real-IP"));
    }

    @Test
    void zeroSwitchesALimitOff() {
        LimitsConfig limits = parse("--rate-limit-per-second", "0", "--rate-limit-burst", "0", "--pages-per-day", "0");

        assertThat(limits.requestBurst()).isZero();
        assertThat(limits.pagesPerDay()).isZero();
    }
}
