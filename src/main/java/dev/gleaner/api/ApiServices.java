package dev.gleaner.api;

import dev.gleaner.auth.DeveloperKeys;
import dev.gleaner.catalog.Catalog;
import dev.gleaner.catalog.Datasets;
import dev.gleaner.crawl.AddressGuard;
import dev.gleaner.index.IndexFollower;
import dev.gleaner.index.Retriever;
import dev.gleaner.ingest.EmbeddingModels;
import dev.gleaner.jobs.JobService;
import dev.gleaner.sources.Sources;
import dev.gleaner.uploads.UploadIngestor;
import dev.gleaner.webhooks.WebhookDeliveries;
import dev.gleaner.webhooks.WebhookSecrets;
import org.jspecify.annotations.Nullable;

/**
 * What the HTTP API calls. The services implement the behaviour (ownership checks included); the API only parses,
 * validates, authenticates, calls them and renders.
 *
 * @param uploads takes uploaded files in and processes them
 * @param webhooks reads the webhook delivery logs of jobs
 * @param metrics records answered requests and renders {@code GET /metrics}
 * @param events the job events stream's feed, tokens and settings
 * @param outboundGuard the address policy of outbound requests, to refuse a blocked target when it is asked for
 * @param abuse the request rate, failed-authentication throttle and quotas
 * @param webhookSecrets each owner's webhook signing secret, read and rotated by its owner
 * @param embeddingModels the models new knowledgebases may use, listed by {@code GET /v1/embedding-models}
 * @param index this process's search index following the store's change feed (positions, and waits for them); null in
 *     a process that keeps no index (a worker, which serves no API)
 * @param sources the saved requests of knowledgebases and their syncs
 */
public record ApiServices(
        DeveloperKeys keys,
        Catalog catalog,
        Datasets datasets,
        JobService jobs,
        Retriever retriever,
        UploadIngestor uploads,
        WebhookDeliveries webhooks,
        ServerMetrics metrics,
        EventServices events,
        AddressGuard outboundGuard,
        AbuseServices abuse,
        WebhookSecrets webhookSecrets,
        EmbeddingModels embeddingModels,
        @Nullable IndexFollower index,
        Sources sources) {}
