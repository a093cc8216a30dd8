package dev.gleaner.api;

import dev.gleaner.ServiceException;
import dev.gleaner.api.schema.Message;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.api.schema.SourceMapping;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.jobs.CrawlHeaders;
import dev.gleaner.jobs.CrawlSpec;
import dev.gleaner.jobs.WebhookTarget;
import dev.gleaner.sources.NewSource;
import dev.gleaner.sources.Source;
import dev.gleaner.sources.Sources;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sources of a knowledgebase: create, list, read, change, delete, and sync one now (202 with the job; 409 while a
 * sync of it is still running).
 */
final class SourceRoutes {
    static final String SOURCES = KnowledgebaseRoutes.KNOWLEDGEBASE + "/sources";
    static final String SOURCE = SOURCES + "/{sourceId}";
    static final String SYNC = SOURCE + "/sync";

    private final Sources sources;
    private final RequestIo io;
    private final PathResources path;
    private final SourceRequestValidator validator;
    private final int maxIdLength;

    SourceRoutes(Sources sources, AddressGuard guard, RequestIo io, PathResources path, ApiLimits limits) {
        this.sources = sources;
        this.io = io;
        this.path = path;
        this.validator = new SourceRequestValidator(limits, guard);
        this.maxIdLength = limits.maxIdLength();
    }

    void register(ApiRouter router) {
        router.get(
                SOURCES,
                (ctx, owner) -> io.ok(ctx, SourceMapping.sources(sources.list(path.knowledgebase(ctx, owner)))));
        router.post(SOURCES, (ctx, owner) -> {
            SourceRequestValidator.SourceDefinition definition = validator.create(io.body(ctx));
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            CrawlRequest request = Objects.requireNonNull(definition.request());
            NewSource source = new NewSource(definition.name(), request.spec(), request.urls(), definition.schedule());
            io.reply(ctx, 201, SourceMapping.source(sources.create(owner, kb, source)));
        });
        router.get(SOURCE, (ctx, owner) -> {
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            io.ok(ctx, SourceMapping.source(sources.get(kb, sourceId(ctx))));
        });
        router.patch(SOURCE, (ctx, owner) -> {
            SourceRequestValidator.SourceDefinition change = validator.change(io.body(ctx));
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            io.ok(ctx, SourceMapping.source(sources.update(kb, sourceId(ctx), before -> merged(before, change))));
        });
        router.delete(SOURCE, (ctx, owner) -> {
            sources.delete(path.knowledgebase(ctx, owner), sourceId(ctx));
            io.ok(ctx, new Message("Source deleted"));
        });
        router.post(SYNC, (ctx, owner) -> {
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            io.reply(ctx, 202, SchemaMapping.job(sources.syncNow(owner, kb, sourceId(ctx))));
        });
    }

    private String sourceId(Context ctx) {
        String id = ctx.pathParam("sourceId");
        if (id.isEmpty() || id.length() > maxIdLength) {
            throw ServiceException.notFound("Source");
        }
        return id;
    }

    /**
     * The source's definition after a PATCH: each given field replaces the stored one. A request given without
     * {@code headers} keeps the stored headers, and a header given as {@code ***} (as a GET shows it) keeps the stored
     * value of that header.
     */
    static NewSource merged(Source before, SourceRequestValidator.SourceDefinition change) {
        String name = change.nameGiven() ? change.name() : before.name();
        CrawlSpec spec = before.spec();
        List<String> urls = before.urls();
        CrawlRequest request = change.request();
        if (request != null) {
            CrawlHeaders headers = change.requestHeadersGiven()
                    ? keepMasked(request.spec().headers(), before.spec().headers())
                    : before.spec().headers();
            spec = request.spec()
                    .withSecrets(
                            headers,
                            webhook(request.spec().webhook(), before.spec().webhook()));
            urls = request.urls();
        }
        return new NewSource(name, spec, urls, change.scheduleGiven() ? change.schedule() : before.schedule());
    }

    private static CrawlHeaders keepMasked(CrawlHeaders given, CrawlHeaders stored) {
        return new CrawlHeaders(keepMasked(given.values(), stored.values()));
    }

    /** The webhook given, its headers shown as {@code ***} given back keeping the stored webhook's values. */
    private static @Nullable WebhookTarget webhook(@Nullable WebhookTarget given, @Nullable WebhookTarget stored) {
        if (given == null || stored == null) {
            return given;
        }
        return new WebhookTarget(given.url(), keepMasked(given.headers(), stored.headers()), given.events());
    }

    private static Map<String, String> keepMasked(Map<String, String> given, Map<String, String> stored) {
        Map<String, String> storedByName = new LinkedHashMap<>();
        stored.forEach((name, value) -> storedByName.put(name.toLowerCase(Locale.ROOT), value));
        Map<String, String> kept = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            String previous = storedByName.get(name.toLowerCase(Locale.ROOT));
            kept.put(name, SourceMapping.MASK.equals(value) && previous != null ? previous : value);
        });
        return kept;
    }
}
