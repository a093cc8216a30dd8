package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ClientException;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.Knowledgebases;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gleaner crawl URL --kb …}: starts a crawl (or sitemap import) on a running server and follows it. */
@Command(
        name = "crawl",
        mixinStandardHelpOptions = true,
        description = "Crawl a site (or import its sitemaps) into a knowledgebase and follow the job.",
        footer = ExitCodes.HELP)
final class CrawlCommand implements ClientCommand {
    /** The crawl modes this command starts. */
    enum Mode {
        crawl,
        sitemap
    }

    @Spec
    @SuppressWarnings("NullAway.Init")
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    ClientOptions client;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    FollowOptions follow;

    @Parameters(index = "0", paramLabel = "URL", description = "The seed: an absolute http(s) URL.")
    @SuppressWarnings("NullAway.Init")
    String url;

    @Option(
            names = "--kb",
            required = true,
            description = "Knowledgebase id (kb_…) or name; a missing name is created.")
    @SuppressWarnings("NullAway.Init")
    String kb;

    @Option(
            names = "--project",
            description = "Project id (proj_…) or name; a missing name is created (default: the one holding the"
                    + " knowledgebase, else \"default\").")
    @Nullable
    String project;

    @Option(names = "--mode", defaultValue = "crawl", description = "crawl (follow links) or sitemap.")
    Mode mode = Mode.crawl;

    @Option(names = "--limit", description = "Most pages admitted (server default 1,000).")
    @Nullable
    Integer limit;

    @Option(names = "--max-depth", description = "Most link hops from the seed (server default 10).")
    @Nullable
    Integer maxDepth;

    @Option(names = "--include", paramLabel = "REGEX", description = "Only URL paths matching (repeatable).")
    List<String> include = List.of();

    @Option(names = "--exclude", paramLabel = "REGEX", description = "No URL paths matching (repeatable).")
    List<String> exclude = List.of();

    @Option(
            names = "--entire-domain",
            description = "Follow links anywhere on the seed's host, not only below the seed's path.")
    boolean entireDomain;

    @Option(
            names = "--render",
            paramLabel = "auto|always|never",
            description = "When pages are rendered in a headless Chromium before they are read (server default"
                    + " auto: pages that need JavaScript).")
    @org.jspecify.annotations.Nullable
    String render;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkUrl(url);
        try (ApiClient api = client.open()) {
            KbRef target = new Knowledgebases(api, err).findOrCreate(project, kb);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("mode", mode.name());
            request.put("url", url);
            if (limit != null) {
                request.put("limit", limit);
            }
            if (maxDepth != null) {
                request.put("maxDepth", maxDepth);
            }
            if (!include.isEmpty()) {
                request.put("includePaths", include);
            }
            if (!exclude.isEmpty()) {
                request.put("excludePaths", exclude);
            }
            if (entireDomain) {
                request.put("crawlEntireDomain", true);
            }
            if (render != null) {
                request.put("render", render);
            }
            JsonNode accepted = api.post(target.path() + "/crawl", request);
            String jobId = accepted.path("jobId").asText();
            return Started.report(api, target, jobId, mode + " of " + url, follow, out, err);
        }
    }

    static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // Reported below.
        }
        throw new ClientException(ClientException.Kind.INPUT, "not an absolute http(s) URL: " + url);
    }
}
