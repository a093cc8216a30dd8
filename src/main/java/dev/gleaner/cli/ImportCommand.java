package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.client.ApiClient;
import dev.gleaner.client.ClientException;
import dev.gleaner.client.ExitCodes;
import dev.gleaner.client.KbRef;
import dev.gleaner.client.Knowledgebases;
import dev.gleaner.client.Plural;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gleaner import FILE --kb …}: imports a list of URLs (a batch job) on a running server and follows it. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import a list of URLs (one per line; blank lines and # comments ignored) and follow the job."
                + " URLs the server finds invalid are listed and make the exit code at least 1.",
        footer = ExitCodes.HELP)
final class ImportCommand implements ClientCommand {
    /** Most URLs in one import, as the API accepts. */
    static final int MAX_URLS = 10_000;
    /** Largest {@code limit} the API accepts. */
    static final int MAX_LIMIT = 100_000;

    @Spec
    @SuppressWarnings("NullAway.Init")
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    ClientOptions client;

    @Mixin
    @SuppressWarnings("NullAway.Init")
    FollowOptions follow;

    @Parameters(index = "0", paramLabel = "FILE", description = "File of URLs, one per line; - reads stdin.")
    @SuppressWarnings("NullAway.Init")
    String file;

    @Option(
            names = "--kb",
            required = true,
            description = "Knowledgebase id (kb_…) or name; a missing name is created.")
    @SuppressWarnings("NullAway.Init")
    String kb;

    @Option(names = "--project", description = "Project id (proj_…) or name; a missing name is created.")
    @Nullable
    String project;

    @Option(names = "--limit", description = "Most pages admitted (default: every URL of the file).")
    @Nullable
    Integer limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> urls = urls(file);
        try (ApiClient api = client.open()) {
            KbRef target = new Knowledgebases(api, err).findOrCreate(project, kb);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("mode", "batch");
            request.put("urls", urls);
            request.put("limit", limit != null ? limit : Math.min(urls.size(), MAX_LIMIT));
            JsonNode accepted = api.post(target.path() + "/crawl", request);
            JsonNode invalid = accepted.path("invalidUrls");
            if (!invalid.isEmpty()) {
                err.println(invalid.size() + " of " + Plural.of(urls.size(), "URL")
                        + (invalid.size() == 1 ? " is invalid and was" : " are invalid and were") + " not imported:");
                invalid.forEach(url -> err.println("  " + url.asText()));
            }
            String jobId = accepted.path("jobId").asText();
            int exit = Started.report(
                    api,
                    target,
                    jobId,
                    "import of " + Plural.of(urls.size() - invalid.size(), "URL"),
                    follow,
                    out,
                    err);
            if (!invalid.isEmpty() && !follow.detach) {
                out.println("invalid URLs (not imported): " + invalid.size());
                out.flush();
                return Math.max(exit, ExitCodes.PAGES_FAILED);
            }
            return exit;
        }
    }

    private List<String> urls(String name) {
        List<String> urls = new ArrayList<>();
        try (BufferedReader reader = name.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String url = line.strip();
                if (!url.isEmpty() && !url.startsWith("#")) {
                    urls.add(url);
                }
                if (urls.size() > MAX_URLS) {
                    throw new ClientException(
                            ClientException.Kind.INPUT, name + " lists more than " + MAX_URLS + " URLs; split it");
                }
            }
        } catch (IOException e) {
            throw new ClientException(ClientException.Kind.INPUT, "cannot read " + name + ": " + problem(e), e);
        }
        if (urls.isEmpty()) {
            throw new ClientException(ClientException.Kind.INPUT, name + " lists no URL");
        }
        return urls;
    }

    /** What went wrong with a file, in words rather than the exception's bare path. */
    static String problem(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException file ? file.getReason() : null;
        if (reason != null) {
            return reason.toLowerCase(Locale.ROOT);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
