package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourcedChunkTest {
    @Test
    void theSectionUrlIsTheSourceUrlWithTheAnchorAsFragment() {
        assertThat(sourced("https://docs.example/install", "installing-on-linux")
                        .sectionUrl())
                .isEqualTo("https://docs.example/install#installing-on-linux");
    }

    @Test
    void theAnchorReplacesAFragmentTheSourceUrlHad() {
        assertThat(sourced("https://docs.example/install?v=2#top", "linux").sectionUrl())
                .isEqualTo("https://docs.example/install?v=2#linux");
    }

    @Test
    void charactersAFragmentCannotHoldArePercentEncoded() {
        assertThat(sourced("https://docs.example/p", "a b#c%d\"é<x>").sectionUrl())
                .isEqualTo("https://docs.example/p#a%20b%23c%25d%22%C3%A9%3Cx%3E");
        assertThat(sourced("https://docs.example/p", "module-os.path:join()").sectionUrl())
                .isEqualTo("https://docs.example/p#module-os.path:join()");
    }

    @Test
    void withoutAnAnchorOrASourceUrlNothingIsAdded() {
        assertThat(sourced("https://docs.example/p#keep", null).sectionUrl()).isEqualTo("https://docs.example/p#keep");
        assertThat(new SourcedChunk(chunk("x"), null, "t").sectionUrl()).isNull();
    }

    private static SourcedChunk sourced(String url, @org.jspecify.annotations.Nullable String anchor) {
        return new SourcedChunk(chunk(anchor), url, "Title");
    }

    private static Chunk chunk(@org.jspecify.annotations.Nullable String anchor) {
        return new Chunk("chunk_1", "dataset_1", "kb_1", 0, "text", List.of(), true, anchor);
    }
}
