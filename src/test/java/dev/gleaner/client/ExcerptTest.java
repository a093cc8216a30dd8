package dev.gleaner.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {
    private static final String CHUNK = String.join(
            "\n\n",
            "## Installing on Linux",
            "Gleaner runs on any recent distribution. Download the archive from the releases page. Unpack it into"
                    + " /opt/gleaner and add its bin folder to your PATH. The service reads its settings from"
                    + " gleaner.toml at start.",
            "## Upgrading",
            "Stop the service before you replace the files. Your data folder is kept as it is.");

    @Test
    void theExcerptStartsAtTheSentenceBeforeTheBestMatchAndStaysInItsSection() {
        String excerpt = Excerpt.of(CHUNK, "how do I unpack the archive into opt");

        assertThat(excerpt)
                .isEqualTo("… Download the archive from the releases page. Unpack it into /opt/gleaner and add its bin"
                        + " folder to your PATH. The service reads its settings from gleaner.toml at start. …");
    }

    @Test
    void theSentenceSharingTheMostQuestionTermsWinsWithLightStemming() {
        assertThat(Excerpt.of(CHUNK, "replacing files when upgrading"))
                .startsWith("… Stop the service before you replace the files.");
        assertThat(Excerpt.of(CHUNK, "which settings does it read"))
                .startsWith("… Unpack it into /opt/gleaner")
                .contains("The service reads its settings");
    }

    @Test
    void withoutAMatchTheExcerptStartsAtTheBeginning() {
        assertThat(Excerpt.of(CHUNK, "kubernetes helm chart"))
                .startsWith("Installing on Linux — Gleaner runs on any recent distribution.")
                .endsWith(" …");
    }

    @Test
    void theExcerptIsBoundedAndALongSentenceIsCutAtAWord() {
        String longSentence = "Settings " + "value ".repeat(100) + "end.";
        String excerpt = Excerpt.of("First sentence here. " + longSentence, "settings", 80);

        assertThat(excerpt).startsWith("… Settings value").endsWith("value…");
        assertThat(excerpt.length()).isLessThanOrEqualTo(80 + 3);
        assertThat(Excerpt.of(CHUNK, "unpack archive").length()).isLessThanOrEqualTo(Excerpt.MAX_CHARS + 4);
    }

    @Test
    void markdownSyntaxIsRemoved() {
        String markdown = String.join(
                "\n\n",
                "### The `start` command",
                "Run **bin/gleaner start** with _care_; see [the guide](https://docs.example/guide) and"
                        + " ![a diagram](img.png). Keep my_var_name as it is.",
                "- first item\n- second *item*\n1. numbered",
                "> quoted line",
                "| Flag | Default |\n| --- | --- |\n| `--port` | 8080 |",
                "```sh\nbin/gleaner start --port 8080\n```");

        String excerpt = Excerpt.of(markdown, "nothing matches this", 1_000);

        assertThat(excerpt)
                .isEqualTo("The start command — Run bin/gleaner start with care; see the guide and a diagram."
                        + " Keep my_var_name as it is. first item second item numbered quoted line Flag · Default"
                        + " --port · 8080 bin/gleaner start --port 8080");
    }

    @Test
    void aFragmentLeftByTheChunksOverlapIsNotShownAsContext() {
        String chunk = "the end of a sentence cut by the overlap. The port is set with --port.";

        assertThat(Excerpt.of(chunk, "port", 1_000)).isEqualTo("… The port is set with --port.");
        assertThat(Excerpt.of(chunk, "overlap", 1_000)).isEqualTo(chunk);
        assertThat(Excerpt.of(chunk, "nothing matches", 1_000)).isEqualTo("… The port is set with --port.");
        assertThat(Excerpt.of("only a lower-case fragment", "zzz")).isEqualTo("only a lower-case fragment");
    }

    @Test
    void stemmingFoldsTheCommonEndings() {
        assertThat(java.util.List.of("replacing", "replaced", "replaces", "replace").stream()
                        .map(Excerpt::stem)
                        .distinct())
                .containsExactly("replac");
        assertThat(Excerpt.stem("settings")).isEqualTo(Excerpt.stem("setting"));
        assertThat(Excerpt.stem("class")).isEqualTo("class");
    }

    @Test
    void anEmptyChunkHasAnEmptyExcerpt() {
        assertThat(Excerpt.of("", "anything")).isEmpty();
        assertThat(Excerpt.of("\n\n```\n```\n", "anything")).isEmpty();
    }
}
