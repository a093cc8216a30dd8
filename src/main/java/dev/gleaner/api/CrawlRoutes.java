package dev.gleaner.api;

import dev.gleaner.api.schema.JobList;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.index.IndexFollower;
import dev.gleaner.jobs.CrawlJob;
import dev.gleaner.jobs.JobService;
import dev.gleaner.jobs.PageListing;
import dev.gleaner.webhooks.WebhookDeliveries;
import java.util.List;

/**
 * Starting crawl and import jobs, listing them, reading, cancelling and retrying one, and listing its pages and its
 * webhook deliveries.
 */
final class CrawlRoutes {
    static final String CRAWL = KnowledgebaseRoutes.KNOWLEDGEBASE + "/crawl";
    static final String JOBS = CRAWL + "/jobs";
    static final String JOB = JOBS + "/{jobId}";
    static final String CANCEL = JOB + "/cancel";
    static final String RETRY = JOB + "/retry";
    static final String PAGES = JOB + "/pages";
    static final String WEBHOOKS = JOB + "/webhooks";
    static final String CHANGES = JOB + "/changes";

    private final IndexFollower index;
    private final JobService jobs;
    private final WebhookDeliveries webhooks;
    private final RequestIo io;
    private final PathResources path;
    private final CrawlRequestValidator validator;
    private final QueryParameterValidator parameters;

    CrawlRoutes(
            JobService jobs,
            IndexFollower index,
            WebhookDeliveries webhooks,
            AddressGuard guard,
            RequestIo io,
            PathResources path,
            ApiLimits limits) {
        this.jobs = jobs;
        this.index = index;
        this.webhooks = webhooks;
        this.io = io;
        this.path = path;
        this.validator = new CrawlRequestValidator(limits, guard);
        this.parameters = new QueryParameterValidator(limits);
    }

    void register(ApiRouter router) {
        router.post(CRAWL, (ctx, owner) -> {
            CrawlRequest request = validator.validate(io.body(ctx));
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            JobService.Started started = jobs.start(owner, kb, request.spec(), request.urls());
            io.reply(ctx, 202, SchemaMapping.crawlAccepted(started, request.refusedUrls()));
        });
        router.get(JOBS, (ctx, owner) -> {
            // Read before the jobs: every chunk they had stored by then is at or below it.
            long position = index.head();
            List<CrawlJob> listed = jobs.list(path.knowledgebase(ctx, owner));
            io.ok(
                    ctx,
                    new JobList(listed.stream()
                            .map(job -> SchemaMapping.job(job).withIndexPosition(position))
                            .toList()));
        });
        router.get(JOB, (ctx, owner) -> {
            long position = index.head();
            CrawlJob job = jobs.get(path.knowledgebase(ctx, owner), path.jobId(ctx));
            io.ok(ctx, SchemaMapping.job(job).withIndexPosition(position));
        });
        router.post(
                CANCEL,
                (ctx, owner) ->
                        io.ok(ctx, SchemaMapping.job(jobs.cancel(path.knowledgebase(ctx, owner), path.jobId(ctx)))));
        router.post(
                RETRY,
                (ctx, owner) -> io.ok(
                        ctx, SchemaMapping.job(jobs.retry(owner, path.knowledgebase(ctx, owner), path.jobId(ctx)))));
        router.get(PAGES, (ctx, owner) -> {
            QueryParameterValidator.JobPages page = parameters.jobPages(ctx::queryParam);
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            PageListing listing = jobs.pages(kb, path.jobId(ctx), page.outcome(), page.limit(), page.cursor());
            io.ok(ctx, SchemaMapping.jobPages(listing));
        });
        router.get(CHANGES, (ctx, owner) -> {
            QueryParameterValidator.JobChangesPage page = parameters.jobChanges(ctx::queryParam);
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            CrawlJob job = jobs.get(kb, path.jobId(ctx));
            PageListing listing =
                    jobs.pages(kb, job.id(), page.change().outcome().wire(), page.limit(), page.cursor());
            io.ok(ctx, SchemaMapping.jobChanges(job, page.change(), listing));
        });
        router.get(WEBHOOKS, (ctx, owner) -> {
            QueryParameterValidator.WebhookLog page = parameters.webhookLog(ctx::queryParam);
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            io.ok(ctx, SchemaMapping.webhookDeliveries(webhooks.log(kb, path.jobId(ctx), page.limit(), page.cursor())));
        });
    }
}
