package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkEmbedderTest {
    private static final String TEXT = "## Keys {#keys}\n\nOperators rotate the keys every ninety days.\n\n"
            + "## Locks\n\nThe doors lock at night.";

    private final RecordingEmbedder embedder = new RecordingEmbedder();
    private final ChunkEmbedder step = new ChunkEmbedder(new Chunker());

    @Test
    void eachChunkIsEmbeddedWithItsTitleAndHeadingPathAndKeepsItsPlaceAndAnchor() {
        List<EmbeddedChunk> chunks = step.chunkAndEmbed(
                "Site manual", TEXT, new ChunkEmbedder.Target("dataset_1", "kb_1", 60, 0, Set.of()), embedder);

        assertThat(chunks).hasSize(2);
        assertThat(embedder.texts)
                .containsExactly(
                        "Site manual\nKeys\n\n" + chunks.get(0).chunk().content(),
                        "Site manual\nLocks\n\n" + chunks.get(1).chunk().content());
        Chunk first = chunks.get(0).chunk();
        assertThat(first.datasetId()).isEqualTo("dataset_1");
        assertThat(first.knowledgebaseId()).isEqualTo("kb_1");
        assertThat(first.position()).isZero();
        assertThat(first.anchor()).isEqualTo("keys");
        assertThat(first.enabled()).isTrue();
        assertThat(chunks.get(1).chunk().position()).isEqualTo(1);
        assertThat(first.id())
                .startsWith("chunk_")
                .isNotEqualTo(chunks.get(1).chunk().id());
        assertThat(chunks.get(1).vector()).containsExactly(2f);
    }

    @Test
    void aChunkWhoseTextWasDisabledBeforeStaysDisabled() {
        String disabled = step.chunkAndEmbed("T", TEXT, new ChunkEmbedder.Target("d", "k", 60, 0, Set.of()), embedder)
                .get(1)
                .chunk()
                .content();

        List<EmbeddedChunk> chunks =
                step.chunkAndEmbed("T", TEXT, new ChunkEmbedder.Target("d", "k", 60, 0, Set.of(disabled)), embedder);

        assertThat(chunks).extracting(c -> c.chunk().enabled()).containsExactly(true, false);
    }

    @Test
    void aTextWithoutChunksEmbedsNothing() {
        assertThat(step.chunkAndEmbed("T", " \n\n ", new ChunkEmbedder.Target("d", "k", 60, 0, Set.of()), embedder))
                .isEmpty();
        assertThat(embedder.texts).isEmpty();
    }

    @Test
    void aFailingModelsExceptionReachesTheCaller() {
        Embedder failing = new RecordingEmbedder() {
            @Override
            public List<float[]> embed(List<String> texts) {
                throw new EmbeddingException("The model is down", true);
            }
        };

        assertThatThrownBy(() ->
                        step.chunkAndEmbed("T", TEXT, new ChunkEmbedder.Target("d", "k", 60, 0, Set.of()), failing))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("The model is down");
    }

    /** Records the texts it is given; the n-th text of a call gets the vector {n + 1}. */
    private static class RecordingEmbedder implements Embedder {
        final List<String> texts = new ArrayList<>();

        @Override
        public String modelName() {
            return "recording";
        }

        @Override
        public int dimensions() {
            return 1;
        }

        @Override
        public List<float[]> embed(List<String> batch) {
            texts.addAll(batch);
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                vectors.add(new float[] {i + 1});
            }
            return vectors;
        }
    }
}
