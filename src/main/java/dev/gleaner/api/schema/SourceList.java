package dev.gleaner.api.schema;

import java.util.List;

/** Schema {@code SourceList}: the sources of a knowledgebase, oldest first. */
public record SourceList(List<Source> data) {}
