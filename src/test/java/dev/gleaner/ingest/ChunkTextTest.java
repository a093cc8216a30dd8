package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkTextTest {
    @Test
    void embeddingTextIsTitleThenHeadingPathThenContent() {
        ChunkText chunk = new ChunkText("Run make.", 0, List.of("Guide", "Install"));

        assertThat(chunk.embeddingText("Tool docs")).isEqualTo("Tool docs\nGuide > Install\n\nRun make.");
    }

    @Test
    void embeddingTextLeavesOutEmptyParts() {
        assertThat(new ChunkText("Body.", 0, List.of("A")).embeddingText(" ")).isEqualTo("A\n\nBody.");
        assertThat(new ChunkText("Body.", 0, List.of()).embeddingText("Title")).isEqualTo("Title\n\nBody.");
        assertThat(new ChunkText("Body.", 0, List.of()).embeddingText("")).isEqualTo("Body.");
    }
}
