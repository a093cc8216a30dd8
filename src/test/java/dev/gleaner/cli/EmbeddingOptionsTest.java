package dev.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gleaner.config.EmbeddingSetting;
import dev.gleaner.ingest.OpenAiSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The remote model's flags of {@code serve}. The environment of the test run sets none of the GLEANER_OPENAI_ ones. */
class EmbeddingOptionsTest {
    private static Optional<OpenAiSettings> parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return FeatureSettings.openAi(serve.config().embedding());
    }

    @Test
    void noRemoteModelIsOfferedUnlessOneIsNamed() {
        assertThat(parse("--openai-api-key", "sk-1")).isEmpty();
    }

    @Test
    void aNamedRemoteModelTakesTheFlagsAndDefaults() {
        OpenAiSettings settings = parse(
                        "--openai-model", "text-embedding-3-small",
                        "--openai-api-key", "sk-1",
                        "--openai-batch-size", "16",
                        "--openai-timeout-seconds", "5")
                .orElseThrow();

        assertThat(settings.model()).isEqualTo("text-embedding-3-small");
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(settings.apiKey()).isEqualTo("sk-1");
        assertThat(settings.dimensions()).isZero();
        assertThat(settings.batchSize()).isEqualTo(16);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxAttempts()).isEqualTo(EmbeddingSetting.OPENAI_MAX_ATTEMPTS.defaultInt());
        assertThat(settings.toString()).doesNotContain("sk-1");
    }
}
