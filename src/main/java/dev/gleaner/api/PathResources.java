package dev.gleaner.api;

import dev.gleaner.ServiceException;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import io.javalin.http.Context;

/**
 * The resources named by a request's path, seen through the caller: a project or knowledgebase of another owner is not
 * found (the catalog decides). An id longer than any id can be is not found without asking anyone.
 */
final class PathResources {
    private final Catalog catalog;
    private final int maxIdLength;

    PathResources(Catalog catalog, ApiLimits limits) {
        this.catalog = catalog;
        this.maxIdLength = limits.maxIdLength();
    }

    String projectId(Context ctx) {
        return id(ctx, "projectId", "Project");
    }

    String knowledgebaseId(Context ctx) {
        return id(ctx, "knowledgebaseId", "Knowledgebase");
    }

    String datasetId(Context ctx) {
        return id(ctx, "datasetId", "Dataset");
    }

    String chunkId(Context ctx) {
        return id(ctx, "chunkId", "Chunk");
    }

    String jobId(Context ctx) {
        return id(ctx, "jobId", "Job");
    }

    Knowledgebase knowledgebase(Context ctx, String ownerId) {
        return catalog.knowledgebase(ownerId, projectId(ctx), knowledgebaseId(ctx));
    }

    private String id(Context ctx, String parameter, String what) {
        String id = ctx.pathParam(parameter);
        if (id.isEmpty() || id.length() > maxIdLength) {
            throw ServiceException.notFound(what);
        }
        return id;
    }
}
