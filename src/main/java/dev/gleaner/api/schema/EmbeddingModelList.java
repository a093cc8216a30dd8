package dev.gleaner.api.schema;

import java.util.List;

/** Schema {@code EmbeddingModelList} (an extension): the deployment's models in the {@code {"data": […]}} envelope. */
public record EmbeddingModelList(List<EmbeddingModel> data) {
    public EmbeddingModelList {
        data = List.copyOf(data);
    }
}
