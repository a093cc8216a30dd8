package dev.gleaner.api.schema;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Schema {@code KnowledgebaseCreated}: {@code message} beside every field of the new knowledgebase. */
public record KnowledgebaseCreated(String message, @JsonUnwrapped Knowledgebase knowledgebase) {
    public static final String MESSAGE = "Knowledgebase created successfully";

    public KnowledgebaseCreated(Knowledgebase knowledgebase) {
        this(MESSAGE, knowledgebase);
    }
}
