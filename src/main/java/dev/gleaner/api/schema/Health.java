package dev.gleaner.api.schema;

/** Schema {@code Health}: {@code {"status": "ok"}} while the process serves requests. */
public record Health(String status) {}
