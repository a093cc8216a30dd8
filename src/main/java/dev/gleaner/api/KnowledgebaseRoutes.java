package dev.gleaner.api;

import dev.gleaner.api.schema.KnowledgebaseCreated;
import dev.gleaner.api.schema.Message;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.NewKnowledgebase;
import dev.gleaner.index.Retriever;
import java.util.List;

/** Knowledgebases of a project, and their query route. */
final class KnowledgebaseRoutes {
    static final String KNOWLEDGEBASES = ProjectRoutes.PROJECT + "/knowledgebases";
    static final String KNOWLEDGEBASE = KNOWLEDGEBASES + "/{knowledgebaseId}";
    static final String QUERY = KNOWLEDGEBASE + "/query";

    private final Catalog catalog;
    private final Retriever retriever;
    private final RequestIo io;
    private final PathResources path;
    private final KnowledgebaseRequestValidator validator;
    private final QueryParameterValidator parameters;

    KnowledgebaseRoutes(Catalog catalog, Retriever retriever, RequestIo io, PathResources path, ApiLimits limits) {
        this.catalog = catalog;
        this.retriever = retriever;
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
            io.ok(
                    ctx,
                    SchemaMapping.queryResults(retriever.query(
                            kb.id(), kb.embeddingModelName(), search.q(), search.topK(), search.scoreThreshold())));
        });
    }
}
