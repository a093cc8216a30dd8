package dev.gleaner.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One source document of a knowledgebase: one crawled page or one uploaded file. {@code parsed} is true once its chunks
 * are embedded and searchable. For a crawled page {@code fileUrl} and {@code sourceUrl} are the page's URL.
 * {@code sourceId} is the source whose syncs keep it (null: a one-off crawl or an upload); {@code removedAt} is when a
 * sync of that source marked it removed during a grace period (null: not marked): a marked dataset is left out of
 * query results until a sync finds its page again or the grace period ends and it is deleted.
 * {@code validators} are what a crawled page's server identified the stored version by, and when it was fetched (null
 * for uploads and rows stored before they were kept).
 */
public record Dataset(
        String id,
        String knowledgebaseId,
        @Nullable String jobId,
        String filename,
        String fileUrl,
        @Nullable String sourceUrl,
        @Nullable String title,
        String extensionType,
        long size,
        boolean parsed,
        @Nullable String contentHash,
        long chunkCount,
        @Nullable String error,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String sourceId,
        @Nullable Instant removedAt,
        @Nullable PageValidators validators) {

    /** A builder of a dataset: every field unset; {@link Builder#build} says which required ones are missing. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this dataset's fields, to make a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.id = id;
        builder.knowledgebaseId = knowledgebaseId;
        builder.jobId = jobId;
        builder.filename = filename;
        builder.fileUrl = fileUrl;
        builder.sourceUrl = sourceUrl;
        builder.title = title;
        builder.extensionType = extensionType;
        builder.size = size;
        builder.parsed = parsed;
        builder.contentHash = contentHash;
        builder.chunkCount = chunkCount;
        builder.error = error;
        builder.createdAt = createdAt;
        builder.updatedAt = updatedAt;
        builder.sourceId = sourceId;
        builder.removedAt = removedAt;
        builder.validators = validators;
        return builder;
    }

    /**
     * Builds a {@link Dataset} by named fields. Nullable fields default to null, {@code size} and {@code chunkCount}
     * to 0, {@code parsed} to false; the others must be set.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String knowledgebaseId;
        private @Nullable String jobId;
        private @Nullable String filename;
        private @Nullable String fileUrl;
        private @Nullable String sourceUrl;
        private @Nullable String title;
        private @Nullable String extensionType;
        private long size;
        private boolean parsed;
        private @Nullable String contentHash;
        private long chunkCount;
        private @Nullable String error;
        private @Nullable Instant createdAt;
        private @Nullable Instant updatedAt;
        private @Nullable String sourceId;
        private @Nullable Instant removedAt;
        private @Nullable PageValidators validators;

        private Builder() {}

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder knowledgebaseId(String value) {
            this.knowledgebaseId = value;
            return this;
        }

        public Builder jobId(@Nullable String value) {
            this.jobId = value;
            return this;
        }

        public Builder filename(String value) {
            this.filename = value;
            return this;
        }

        public Builder fileUrl(String value) {
            this.fileUrl = value;
            return this;
        }

        public Builder sourceUrl(@Nullable String value) {
            this.sourceUrl = value;
            return this;
        }

        public Builder title(@Nullable String value) {
            this.title = value;
            return this;
        }

        public Builder extensionType(String value) {
            this.extensionType = value;
            return this;
        }

        public Builder size(long value) {
            this.size = value;
            return this;
        }

        public Builder parsed(boolean value) {
            this.parsed = value;
            return this;
        }

        public Builder contentHash(@Nullable String value) {
            this.contentHash = value;
            return this;
        }

        public Builder chunkCount(long value) {
            this.chunkCount = value;
            return this;
        }

        public Builder error(@Nullable String value) {
            this.error = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        public Builder sourceId(@Nullable String value) {
            this.sourceId = value;
            return this;
        }

        public Builder removedAt(@Nullable Instant value) {
            this.removedAt = value;
            return this;
        }

        /** What the page's server identified the stored version by, and when it was fetched; null: not a crawled page. */
        public Builder validators(@Nullable PageValidators value) {
            this.validators = value;
            return this;
        }

        /** The dataset; an {@link IllegalStateException} naming every required field left unset. */
        public Dataset build() {
            List<String> missing = new ArrayList<>();
            if (id == null) {
                missing.add("id");
            }
            if (knowledgebaseId == null) {
                missing.add("knowledgebaseId");
            }
            if (filename == null) {
                missing.add("filename");
            }
            if (fileUrl == null) {
                missing.add("fileUrl");
            }
            if (extensionType == null) {
                missing.add("extensionType");
            }
            if (createdAt == null) {
                missing.add("createdAt");
            }
            if (updatedAt == null) {
                missing.add("updatedAt");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("A dataset needs " + String.join(", ", missing));
            }
            return new Dataset(
                    Objects.requireNonNull(id),
                    Objects.requireNonNull(knowledgebaseId),
                    jobId,
                    Objects.requireNonNull(filename),
                    Objects.requireNonNull(fileUrl),
                    sourceUrl,
                    title,
                    Objects.requireNonNull(extensionType),
                    size,
                    parsed,
                    contentHash,
                    chunkCount,
                    error,
                    Objects.requireNonNull(createdAt),
                    Objects.requireNonNull(updatedAt),
                    sourceId,
                    removedAt,
                    validators);
        }
    }
}
