package dev.gleaner.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Schema {@code EmbeddingModel} (an extension): a model new knowledgebases may name as {@code embeddingModelName},
 * whether it is the one they get without naming any, and its vector length, omitted when not known yet.
 */
public record EmbeddingModel(String name, @JsonProperty("isDefault") boolean isDefault, @Nullable Integer dimensions) {}
