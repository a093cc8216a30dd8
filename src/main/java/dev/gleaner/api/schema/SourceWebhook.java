package dev.gleaner.api.schema;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Schema {@code Webhook} as a source shows it: header values shown as {@code ***}. */
public record SourceWebhook(String url, @Nullable Map<String, String> headers, List<String> events) {}
