package dev.gleaner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.client.ClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The saved request and schedule of {@code gleaner sources create|update}: the crawl options, headers ({@code --header 'Name: value'}) and {@code --every}/{@code --cron}/{@code --manual}.
 */
final class SourceRequestOptions {
    @Option(names = "--name", description = "A name for the source.")
    @Nullable
    String name;

    @Option(
            names = "--mode",
            description = "crawl (follow links, the default with one URL), sitemap, or batch (the"
                    + " default with several URLs).")
    @Nullable
    String mode;

    @Option(names = "--limit", description = "Most pages admitted (server default 1,000).")
    @Nullable
    Integer limit;

    @Option(names = "--max-depth", description = "Most link hops from the seed (server default 10).")
    @Nullable
    Integer maxDepth;

    @Option(names = "--include", paramLabel = "REGEX", description = "Only URL paths matching (repeatable).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX", description = "No URL paths matching (repeatable).")
    List<String> exclude = new ArrayList<>();

    @Option(
            names = "--entire-domain",
            description = "Follow links anywhere on the seed's host, not only below the seed's path.")
    boolean entireDomain;

    @Option(
            names = "--header",
            paramLabel = "NAME: VALUE",
            description = "A request header sent to the site (repeatable), e.g. 'Authorization: Bearer …'; stored"
                    + " encrypted and never shown again.")
    List<String> headers = new ArrayList<>();

    @Option(
            names = "--every",
            paramLabel = "DURATION",
            description = "Sync every ISO-8601 duration, at least PT15M" + " (e.g. PT6H, P1D).")
    @Nullable
    String every;

    @Option(
            names = "--cron",
            paramLabel = "EXPRESSION",
            description = "Sync at the times of a 5-field cron"
                    + " expression in UTC (e.g. '0 3 * * *'), at least 15 minutes apart.")
    @Nullable
    String cron;

    @Option(names = "--manual", description = "No schedule: sync only with 'sources sync'.")
    boolean manual;

    /** Whether any option of the request itself was given (an update then sends the request). */
    boolean changesRequest(List<String> urls) {
        return !urls.isEmpty()
                || mode != null
                || limit != null
                || maxDepth != null
                || !include.isEmpty()
                || !exclude.isEmpty()
                || entireDomain
                || !headers.isEmpty();
    }

    /**
     * The request: {@code base} (the stored one, headers as shown) with {@code urls} (when given) and the given options
     * applied.
     */
    ObjectNode request(ObjectNode base, List<String> urls) {
        ObjectNode request = base.deepCopy();
        String chosen = mode != null
                ? mode
                : urls.size() > 1 ? "batch" : request.path("mode").asText("crawl");
        request.put("mode", chosen);
        if (!urls.isEmpty()) {
            request.remove(List.of("url", "urls"));
            if (chosen.equals("batch")) {
                var array = request.putArray("urls");
                urls.forEach(array::add);
            } else {
                if (urls.size() != 1) {
                    throw new ClientException(
                            ClientException.Kind.INPUT, chosen + " takes one URL, got " + urls.size());
                }
                request.put("url", urls.get(0));
            }
        }
        if (limit != null) {
            request.put("limit", limit);
        }
        if (maxDepth != null) {
            request.put("maxDepth", maxDepth);
        }
        if (!include.isEmpty()) {
            strings(request, "includePaths", include);
        }
        if (!exclude.isEmpty()) {
            strings(request, "excludePaths", exclude);
        }
        if (entireDomain) {
            request.put("crawlEntireDomain", true);
        }
        if (!headers.isEmpty()) {
            ObjectNode given = request.putObject("headers");
            headers.forEach(header -> {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new ClientException(
                            ClientException.Kind.INPUT, "--header takes 'Name: value', got: " + header);
                }
                given.put(
                        header.substring(0, colon).strip(),
                        header.substring(colon + 1).strip());
            });
        } else {
            // Not given: the server keeps the stored headers.
            request.remove("headers");
        }
        return request;
    }

    /** The schedule to send: an object, JSON null for --manual, or Java null when none was given. */
    @Nullable
    Object schedule() {
        int given = (every != null ? 1 : 0) + (cron != null ? 1 : 0) + (manual ? 1 : 0);
        if (given > 1) {
            throw new ClientException(ClientException.Kind.INPUT, "give one of --every, --cron and --manual");
        }
        if (every != null) {
            return Map.of("every", every);
        }
        if (cron != null) {
            return Map.of("cron", cron);
        }
        return manual ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : null;
    }

    private static void strings(ObjectNode request, String field, List<String> values) {
        var array = request.putArray(field);
        values.forEach(array::add);
    }
}
