package dev.gleaner.api;

import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.ingest.EmbeddingModels;

/**
 * {@code GET /v1/embedding-models} (an extension): the models this deployment offers new knowledgebases, the default
 * first. Read-only and the same for every owner; it still needs a key, like every {@code /v1} route.
 */
final class EmbeddingModelRoutes {
    static final String MODELS = "/v1/embedding-models";

    private final EmbeddingModels models;
    private final RequestIo io;

    EmbeddingModelRoutes(EmbeddingModels models, RequestIo io) {
        this.models = models;
        this.io = io;
    }

    void register(ApiRouter router) {
        router.get(MODELS, (ctx, owner) -> io.ok(ctx, SchemaMapping.embeddingModels(models)));
    }
}
