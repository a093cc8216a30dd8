package dev.gleaner.api;

import dev.gleaner.api.schema.Message;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.catalog.Datasets;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.ingest.StoredFile;

/** The datasets of a knowledgebase, their chunks and original files. */
final class DatasetRoutes {
    static final String DATASETS = KnowledgebaseRoutes.KNOWLEDGEBASE + "/datasets";
    static final String DATASET = DATASETS + "/{datasetId}";
    static final String FILE = DATASET + "/file";
    static final String CHUNKS = DATASET + "/chunks";
    static final String CHUNK = CHUNKS + "/{chunkId}";
    private static final String FALLBACK_CONTENT_TYPE = "application/octet-stream";

    private final Datasets datasets;
    private final RequestIo io;
    private final PathResources path;
    private final QueryParameterValidator parameters;
    private final ChunkChangeValidator chunkChanges = new ChunkChangeValidator();

    DatasetRoutes(Datasets datasets, RequestIo io, PathResources path, ApiLimits limits) {
        this.datasets = datasets;
        this.io = io;
        this.path = path;
        this.parameters = new QueryParameterValidator(limits);
    }

    void register(ApiRouter router) {
        router.get(DATASETS, (ctx, owner) -> {
            QueryParameterValidator.Page page = parameters.page(ctx::queryParam);
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            io.ok(ctx, SchemaMapping.datasets(datasets.list(kb, page.limit(), page.offset())));
        });
        router.get(
                DATASET,
                (ctx, owner) -> io.ok(
                        ctx, SchemaMapping.dataset(datasets.get(path.knowledgebase(ctx, owner), path.datasetId(ctx)))));
        router.get(FILE, (ctx, owner) -> {
            StoredFile file = datasets.file(path.knowledgebase(ctx, owner), path.datasetId(ctx));
            String type = file.contentType().isBlank() ? FALLBACK_CONTENT_TYPE : file.contentType();
            // The bytes are someone else's page or upload: never let a browser run them in the API's origin.
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", "sandbox; default-src 'none'");
            ctx.status(200).contentType(type).result(file.bytes());
        });
        router.delete(DATASET, (ctx, owner) -> {
            datasets.delete(path.knowledgebase(ctx, owner), path.datasetId(ctx));
            io.ok(ctx, new Message("Dataset deleted"));
        });
        router.get(
                CHUNKS,
                (ctx, owner) -> io.ok(
                        ctx,
                        SchemaMapping.chunks(datasets.chunks(path.knowledgebase(ctx, owner), path.datasetId(ctx)))));
        router.patch(CHUNK, (ctx, owner) -> {
            boolean enabled = chunkChanges.validateEnabled(io.body(ctx));
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            io.ok(
                    ctx,
                    SchemaMapping.chunk(datasets.setChunkEnabled(kb, path.datasetId(ctx), path.chunkId(ctx), enabled)));
        });
    }
}
