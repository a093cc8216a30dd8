package dev.gleaner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gleaner.ingest.Chunk;
import dev.gleaner.ingest.SourcedChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocSiteSetTest {
    private static final String PAGE = "<html><body><h1 id=\"install\">Installation</h1><p>Intro.</p>"
            + "<h2 id=\"homebrew\">Homebrew</h2><p>brew install lark</p>"
            + "<h2 id=\"script\">Install script</h2><p>curl | sh</p></body></html>";

    private static Path set(Path directory, String qrels) throws IOException {
        Files.createDirectories(directory.resolve("site/cli/install"));
        Files.writeString(directory.resolve("site/cli/install/index.html"), PAGE);
        Files.writeString(directory.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"install with brew\"}\n");
        Files.writeString(directory.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\n" + qrels);
        return directory;
    }

    private static SourcedChunk chunk(String url, String content, String... headingPath) {
        return new SourcedChunk(
                new Chunk("c1", "d1", "kb", 0, content, List.of(headingPath), true), url, "Installation");
    }

    @Test
    void isRecognisedByItsSiteDirectory(@TempDir Path directory) throws IOException {
        EvaluationSet set = EvaluationSet.read(set(directory, "q1\tcli/install/index.html#homebrew\t2\n"));

        assertThat(set).isInstanceOf(DocSiteSet.class);
        assertThat(set.queries()).extracting(EvaluationSet.Question::id).containsExactly("q1");
        assertThat(set.unanswerable()).isEmpty();
    }

    @Test
    void refusesJudgementsNamingASectionNoPageHas(@TempDir Path directory) throws IOException {
        set(
                directory,
                "q1\tcli/install/index.html#homebrew\t2\nq1\tcli/install/index.html#brew\t1\n"
                        + "q1\tcli/missing.html#x\t1\n");

        assertThatThrownBy(() -> DocSiteSet.read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cli/install/index.html#brew")
                .hasMessageContaining("cli/missing.html#x")
                .hasMessageNotContaining("#homebrew");
    }

    @Test
    void aChunkCountsForItsSectionAndForTheSectionsWhoseHeadingsItsTextHolds(@TempDir Path directory)
            throws IOException {
        DocSiteSet set = DocSiteSet.read(set(directory, "q1\tcli/install/index.html#homebrew\t2\n"));
        String directoryUrl = "http://127.0.0.1:8080/cli/install/";

        assertThat(set.unitsOf(chunk(
                        directoryUrl, "# Installation\n\nIntro.\n\n## Homebrew\n\nbrew install lark", "Installation")))
                .containsExactly("cli/install/index.html#install", "cli/install/index.html#homebrew");
        assertThat(set.unitsOf(chunk(
                        directoryUrl + "index.html",
                        "## Install script\n\n```\n# curl | sh\n```",
                        "Installation",
                        "Install script")))
                .containsExactly("cli/install/index.html#script");
        assertThat(set.unitOf(chunk("http://127.0.0.1:8080/cli/install", "x", "Installation", "Homebrew")))
                .isEqualTo("cli/install/index.html#homebrew");
    }
}
