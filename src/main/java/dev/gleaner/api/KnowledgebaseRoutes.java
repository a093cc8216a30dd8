package dev.gleaner.api;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.api.schema.KnowledgebaseCreated;
import dev.gleaner.api.schema.Message;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.index.IndexFollower;
import dev.gleaner.index.Retriever;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Knowledgebases of a project, and their query route. */
final class KnowledgebaseRoutes {
    static final String KNOWLEDGEBASES = ProjectRoutes.PROJECT + "/knowledgebases";
    static final String KNOWLEDGEBASE = KNOWLEDGEBASES + "/{knowledgebaseId}";
    static final String QUERY = KNOWLEDGEBASE + "/query";

    private final Catalog catalog;
    private final Retriever retriever;
    private final IndexFollower index;
    private final RequestIo io;
    private final PathResources path;
    private final KnowledgebaseRequestValidator validator;
    private final QueryParameterValidator parameters;

    KnowledgebaseRoutes(
            Catalog catalog,
            Retriever retriever,
            IndexFollower index,
            RequestIo io,
            PathResources path,
            ApiLimits limits) {
        this.catalog = catalog;
        this.retriever = retriever;
        this.index = index;
        this.io = io;
        this.path = path;
        this.validator = new KnowledgebaseRequestValidator(limits);
        this.parameters = new QueryParameterValidator(limits);
    }

    void register(ApiRouter router) {
        router.get(
                KNOWLEDGEBASES,
                (ctx, owner) ->
                        io.ok(ctx, SchemaMapping.knowledgebases(catalog.knowledgebases(owner, path.projectId(ctx)))));
        router.post(KNOWLEDGEBASES, (ctx, owner) -> {
            NewKnowledgebase request = validator.validateCreate(io.body(ctx));
            Knowledgebase created = catalog.createKnowledgebase(owner, path.projectId(ctx), request);
            io.reply(ctx, 201, new KnowledgebaseCreated(SchemaMapping.knowledgebase(created)));
        });
        router.get(
                KNOWLEDGEBASE, (ctx, owner) -> io.ok(ctx, SchemaMapping.knowledgebase(path.knowledgebase(ctx, owner))));
        router.patch(KNOWLEDGEBASE, (ctx, owner) -> {
            KnowledgebaseChanges changes = validator.validateChanges(io.body(ctx));
            Knowledgebase current = path.knowledgebase(ctx, owner);
            List<String> fixed = changes.fixedSettingsChanged(current);
            if (!fixed.isEmpty()) {
                throw Catalog.immutable(fixed);
            }
            Knowledgebase result = changes.name() == null
                    ? current
                    : catalog.rename(owner, current.projectId(), current.id(), changes.name());
            io.ok(ctx, SchemaMapping.knowledgebase(result));
        });
        router.delete(KNOWLEDGEBASE, (ctx, owner) -> {
            catalog.deleteKnowledgebase(owner, path.projectId(ctx), path.knowledgebaseId(ctx));
            io.ok(ctx, new Message("Knowledgebase deleted"));
        });
        router.get(QUERY, (ctx, owner) -> {
            QueryParameterValidator.Search search = parameters.search(ctx::queryParam);
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            Long minPosition = search.minPosition();
            if (minPosition != null) {
                awaitIndex(minPosition);
            }
            io.ok(
                    ctx,
                    SchemaMapping.queryResults(retriever.query(
                            kb.id(), kb.embeddingModelName(), search.q(), search.topK(), search.scoreThreshold())));
        });
    }

    /**
     * Waits until this process's index has applied the change at {@code minPosition}: 400 when the store has no such
     * change yet (a position no write or read returned), 503 with {@code Retry-After} when the wait ran out.
     */
    private void awaitIndex(long minPosition) {
        long head = index.head();
        if (minPosition > head) {
            throw ServiceException.badRequest(
                    "Invalid query parameters",
                    Map.of(
                            "minPosition",
                            "is beyond the newest change the store has (" + head
                                    + "); use an indexPosition returned by a write or a read"));
        }
        if (!index.awaitPosition(minPosition)) {
            throw new ServiceException(
                    ErrorCode.UNAVAILABLE,
                    "This process's search index has applied changes up to " + index.position() + ", not yet "
                            + minPosition + "; retry shortly",
                    Map.of(),
                    Duration.ofSeconds(1));
        }
    }
}
