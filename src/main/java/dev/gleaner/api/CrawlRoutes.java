package dev.gleaner.api;

import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.jobs.JobService;

/** Starting crawl and import jobs, listing them, reading and cancelling one. */
final class CrawlRoutes {
    static final String CRAWL = KnowledgebaseRoutes.KNOWLEDGEBASE + "/crawl";
    static final String JOBS = CRAWL + "/jobs";
    static final String JOB = JOBS + "/{jobId}";
    static final String CANCEL = JOB + "/cancel";

    private final JobService jobs;
    private final RequestIo io;
    private final PathResources path;
    private final CrawlRequestValidator validator;

    CrawlRoutes(JobService jobs, RequestIo io, PathResources path, ApiLimits limits) {
        this.jobs = jobs;
        this.io = io;
        this.path = path;
        this.validator = new CrawlRequestValidator(limits);
    }

    void register(ApiRouter router) {
        router.post(CRAWL, (ctx, owner) -> {
            CrawlRequest request = validator.validate(io.body(ctx));
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            JobService.Started started = jobs.start(kb, request.spec(), request.urls());
            io.reply(ctx, 202, SchemaMapping.crawlAccepted(started, request.refusedUrls()));
        });
        router.get(JOBS, (ctx, owner) -> io.ok(ctx, SchemaMapping.jobs(jobs.list(path.knowledgebase(ctx, owner)))));
        router.get(
                JOB,
                (ctx, owner) ->
                        io.ok(ctx, SchemaMapping.job(jobs.get(path.knowledgebase(ctx, owner), path.jobId(ctx)))));
        router.post(
                CANCEL,
                (ctx, owner) ->
                        io.ok(ctx, SchemaMapping.job(jobs.cancel(path.knowledgebase(ctx, owner), path.jobId(ctx)))));
    }
}
