package dev.gleaner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from the table of settings, and kept so. */
class ConfigurationDocsTest {
    private static final Path DOCUMENT = Path.of("docs/configuration.md");

    @Test
    void theCommittedDocumentIsTheOneTheTableGenerates() throws IOException {
        String committed = Files.readString(DOCUMENT, StandardCharsets.UTF_8);

        assertThat(committed)
                .as("docs/configuration.md differs from the table of settings in dev.gleaner.config;"
                        + " regenerate it with: " + ConfigurationDocs.COMMAND)
                .isEqualTo(ConfigurationDocs.regenerate(committed));
    }

    @Test
    void everySettingHasARowWithItsFlagVariableDefaultAndLimits() {
        String tables = ConfigurationDocs.tables();

        for (Setting setting : Settings.all()) {
            assertThat(tables)
                    .contains("| `" + setting.option() + "` | `" + setting.environmentVariable() + "` | "
                            + setting.definition().shownDefault() + " | "
                            + setting.definition().accepts() + " | ");
        }
        assertThat(tables).contains("| `--workers` | `GLEANER_WORKERS` | `16` | ≥ 1 | ");
    }

    @Test
    void onlyThePartBetweenTheMarkersIsRewritten() {
        String document = "# Title\n\nBefore.\n\n" + ConfigurationDocs.BEGIN + "\nstale\n" + ConfigurationDocs.END
                + "\n\nAfter.\n";

        String regenerated = ConfigurationDocs.regenerate(document);

        assertThat(regenerated)
                .startsWith("# Title\n\nBefore.\n\n" + ConfigurationDocs.BEGIN)
                .endsWith(ConfigurationDocs.END + "\n\nAfter.\n")
                .doesNotContain("stale")
                .contains("### Crawl");
        assertThat(ConfigurationDocs.regenerate(regenerated)).isEqualTo(regenerated);
    }

    @Test
    void aDocumentWithoutMarkersIsRefused() {
        assertThatThrownBy(() -> ConfigurationDocs.regenerate("# Configuration\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("markers");
    }
}
