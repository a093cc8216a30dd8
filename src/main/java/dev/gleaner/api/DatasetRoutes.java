package dev.gleaner.api;

import dev.gleaner.ErrorCode;
import dev.gleaner.ServiceException;
import dev.gleaner.api.schema.DatasetUploaded;
import dev.gleaner.api.schema.Message;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.catalog.Datasets;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.index.IndexFollower;
import dev.gleaner.ingest.Dataset;
import dev.gleaner.ingest.StoredFile;
import dev.gleaner.limits.DailyQuotas;
import dev.gleaner.limits.QuotaUse;
import dev.gleaner.limits.UsageKind;
import dev.gleaner.uploads.UploadIngestor;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The datasets of a knowledgebase, their chunks and original files. */
final class DatasetRoutes {
    static final String DATASETS = KnowledgebaseRoutes.KNOWLEDGEBASE + "/datasets";
    static final String DATASET = DATASETS + "/{datasetId}";
    static final String FILE = DATASET + "/file";
    static final String CHUNKS = DATASET + "/chunks";
    static final String CHUNK = CHUNKS + "/{chunkId}";
    private static final String FALLBACK_CONTENT_TYPE = "application/octet-stream";
    /** The multipart part holding the uploaded file. */
    static final String UPLOAD_PART = "dataset";
    /** Room for the multipart framing (boundaries, part headers) around a file of the largest accepted size. */
    static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;
    /** The longest file name kept; a longer one is cut. */
    static final int MAX_FILENAME_LENGTH = 255;

    private final IndexFollower index;
    private final Datasets datasets;
    private final UploadIngestor uploads;
    private final DailyQuotas quotas;
    private final RequestIo io;
    private final PathResources path;
    private final QueryParameterValidator parameters;
    private final ChunkChangeValidator chunkChanges = new ChunkChangeValidator();

    DatasetRoutes(
            Datasets datasets,
            IndexFollower index,
            UploadIngestor uploads,
            DailyQuotas quotas,
            RequestIo io,
            PathResources path,
            ApiLimits limits) {
        this.datasets = datasets;
        this.index = index;
        this.uploads = uploads;
        this.quotas = quotas;
        this.io = io;
        this.path = path;
        this.parameters = new QueryParameterValidator(limits);
    }

    void register(ApiRouter router) {
        router.get(DATASETS, (ctx, owner) -> {
            QueryParameterValidator.DatasetPage page = parameters.datasetPage(ctx::queryParam);
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            String keyword = page.keyword();
            io.ok(
                    ctx,
                    SchemaMapping.datasets(
                            keyword == null
                                    ? datasets.list(kb, page.limit(), page.offset())
                                    : datasets.search(kb, keyword, page.limit(), page.offset())));
        });
        router.post(DATASETS, (ctx, owner) -> {
            Knowledgebase kb = path.knowledgebase(ctx, owner);
            io.reply(ctx, 201, new DatasetUploaded(accept(owner, upload(ctx, kb))));
        });
        router.get(DATASET, (ctx, owner) -> {
            long position = index.head();
            Dataset dataset = datasets.get(path.knowledgebase(ctx, owner), path.datasetId(ctx));
            io.ok(ctx, SchemaMapping.dataset(dataset).withIndexPosition(position));
        });
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
            dev.gleaner.ingest.Chunk chunk =
                    datasets.setChunkEnabled(kb, path.datasetId(ctx), path.chunkId(ctx), enabled);
            // This process's index applies the change before the answer, so its next query already reflects it.
            long position = index.awaitCurrent();
            io.ok(ctx, SchemaMapping.chunk(chunk).withIndexPosition(position));
        });
    }

    /**
     * Charges the file to its owner's daily upload quota (429 when it would exceed it), then accepts it; a file that
     * is refused (unsupported, unreadable) is not charged.
     */
    private String accept(String owner, UploadIngestor.Upload upload) {
        long size = upload.bytes().length;
        QuotaUse quota = quotas.charge(owner, UsageKind.UPLOAD_BYTES, size);
        if (!quota.allowed()) {
            throw quotas.refusal(quota, "uploaded bytes");
        }
        try {
            return uploads.accept(upload);
        } catch (RuntimeException e) {
            quotas.refund(owner, quota, size);
            throw e;
        }
    }

    private UploadIngestor.Upload upload(Context ctx, Knowledgebase kb) throws IOException {
        long tooLarge = uploads.maxBytes() + MULTIPART_OVERHEAD_BYTES;
        if (ctx.req().getContentLengthLong() > tooLarge) {
            throw tooLarge();
        }
        if (!ctx.isMultipartFormData()) {
            throw new ServiceException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the file as multipart/form-data in a part named '" + UPLOAD_PART + "'");
        }
        UploadedFile file = uploadedFile(ctx);
        if (file.size() > uploads.maxBytes()) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream content = file.content()) {
            bytes = content.readNBytes((int) uploads.maxBytes() + 1);
        }
        if (bytes.length > uploads.maxBytes()) {
            throw tooLarge();
        }
        return new UploadIngestor.Upload(
                kb.id(),
                kb.embeddingModelName(),
                kb.chunkSize(),
                kb.chunkOverlap(),
                ctx.path().replaceAll("/+$", ""),
                filename(file.filename()),
                file.contentType(),
                bytes);
    }

    private UploadedFile uploadedFile(Context ctx) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile(UPLOAD_PART);
        } catch (IllegalStateException e) {
            // The servlet container refuses a multipart body over its configured size this way.
            throw tooLarge();
        } catch (Exception e) {
            // Jetty's multipart parser throws (undeclared) IOException for a body that is not multipart as announced.
            if (e instanceof IOException) {
                throw ServiceException.badRequest(
                        "The request body is not valid multipart/form-data",
                        Map.of("body", "malformed multipart: " + e.getMessage()));
            }
            throw e;
        }
        if (file == null) {
            throw ServiceException.badRequest(
                    "The request has no file part named '" + UPLOAD_PART + "'",
                    Map.of(UPLOAD_PART, "A file is required"));
        }
        return file;
    }

    private ServiceException tooLarge() {
        return new ServiceException(
                ErrorCode.PAYLOAD_TOO_LARGE, "The file is larger than the limit of " + uploads.maxBytes() + " bytes");
    }

    /** The name without any client-side directories, cut to a bounded length. */
    private static String filename(String submitted) {
        String name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        name = name.isBlank() ? "upload" : name.strip();
        return name.length() > MAX_FILENAME_LENGTH ? name.substring(0, MAX_FILENAME_LENGTH) : name;
    }
}
