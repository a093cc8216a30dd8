package dev.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingModelsTest {
    private final Embedder small = new HashingEmbedder("small", 16);
    private final Embedder large = new HashingEmbedder("large", 64);

    @Test
    void findsModelsByName() {
        EmbeddingModels models = new EmbeddingModels(List.of(small, large));

        assertThat(models.find("large")).containsSame(large);
        assertThat(models.find("missing")).isEmpty();
    }

    @Test
    void theFirstModelIsTheDefaultAndNamesKeepTheirOrder() {
        EmbeddingModels models = new EmbeddingModels(List.of(small, large));

        assertThat(models.defaultName()).isEqualTo("small");
        assertThat(models.names()).containsExactly("small", "large");
    }

    @Test
    void rejectsNoModelsAndDuplicateNames() {
        assertThatThrownBy(() -> new EmbeddingModels(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmbeddingModels(List.of(small, new HashingEmbedder("small", 8))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
