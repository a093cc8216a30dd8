package dev.gleaner.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the knowledgebase a command names by id ({@code kb_…}) or name, within a project named by id
 * ({@code proj_…}) or name, or within every project of the key's owner when none is named. {@link #findOrCreate}
 * creates a missing project (named {@value #DEFAULT_PROJECT} when none is named) and knowledgebase, saying so on the
 * notes writer; {@link #find} never creates. Unknown or ambiguous names are input errors.
 */
public final class Knowledgebases {
    public static final String DEFAULT_PROJECT = "default";

    private final ApiClient api;
    private final PrintWriter notes;

    public Knowledgebases(ApiClient api, PrintWriter notes) {
        this.api = api;
        this.notes = notes;
    }

    public KbRef find(@Nullable String project, String kb) {
        return lookUp(project, kb, false);
    }

    public KbRef findOrCreate(@Nullable String project, String kb) {
        return lookUp(project, kb, true);
    }

    /** Every knowledgebase of the named project, or of every project when none is named. */
    public List<KbRef> all(@Nullable String project) {
        List<KbRef> all = new ArrayList<>();
        for (JsonNode p : projects(project, false)) {
            all.addAll(knowledgebases(p.path("id").asText()));
        }
        return all;
    }

    /** The knowledgebase holding {@code jobId}: the named one, else the first of the project(s) that knows it. */
    public KbRef holding(@Nullable String project, @Nullable String kb, String jobId) {
        return holding(project, kb, "/crawl/jobs/" + ApiClient.encode(jobId), "job " + jobId);
    }

    /** The knowledgebase holding {@code datasetId}: the named one, else the first of the project(s) that knows it. */
    public KbRef holdingDataset(@Nullable String project, @Nullable String kb, String datasetId) {
        return holding(project, kb, "/datasets/" + ApiClient.encode(datasetId), "dataset " + datasetId);
    }

    private KbRef holding(@Nullable String project, @Nullable String kb, String relativePath, String what) {
        List<KbRef> candidates = kb != null ? List.of(find(project, kb)) : all(project);
        for (KbRef candidate : candidates) {
            try {
                api.get(candidate.path() + relativePath);
                return candidate;
            } catch (ClientException e) {
                if (e.kind() != ClientException.Kind.INPUT) {
                    throw e;
                }
            }
        }
        throw input("no " + what + (kb == null ? "" : " in knowledgebase " + kb));
    }

    private KbRef lookUp(@Nullable String project, String kb, boolean create) {
        List<JsonNode> projects = projects(project, create);
        List<KbRef> matches = new ArrayList<>();
        for (JsonNode p : projects) {
            for (KbRef candidate : knowledgebases(p.path("id").asText())) {
                if (candidate.id().equals(kb)
                        || (!kb.startsWith("kb_") && candidate.name().equals(kb))) {
                    matches.add(candidate);
                }
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw input("more than one knowledgebase is named \"" + kb + "\" (in "
                    + String.join(", ", matches.stream().map(KbRef::projectId).toList())
                    + "); name its project with --project or use its id");
        }
        if (!create || kb.startsWith("kb_")) {
            throw input("no knowledgebase " + describe(kb) + (project == null ? "" : " in project " + project));
        }
        String projectId = project == null
                ? defaultProject(projects)
                : projects.get(0).path("id").asText();
        JsonNode created = api.post("/v1/projects/" + projectId + "/knowledgebases", Map.of("name", kb));
        KbRef ref = new KbRef(projectId, created.path("id").asText(), kb);
        notes.println("Created knowledgebase \"" + kb + "\" (" + ref.id() + ") in project " + projectId + ".");
        notes.flush();
        return ref;
    }

    private String defaultProject(List<JsonNode> all) {
        for (JsonNode p : all) {
            if (p.path("name").asText().equals(DEFAULT_PROJECT)) {
                return p.path("id").asText();
            }
        }
        return createProject(DEFAULT_PROJECT).path("id").asText();
    }

    private List<JsonNode> projects(@Nullable String project, boolean create) {
        if (project != null && project.startsWith("proj_")) {
            try {
                return List.of(
                        api.get("/v1/projects/" + ApiClient.encode(project)).path("data"));
            } catch (ClientException e) {
                throw e.kind() == ClientException.Kind.INPUT ? input("no project " + project) : e;
            }
        }
        List<JsonNode> all = new ArrayList<>();
        api.get("/v1/projects").path("data").forEach(all::add);
        if (project == null) {
            return all;
        }
        List<JsonNode> named = all.stream()
                .filter(p -> p.path("name").asText().equals(project))
                .toList();
        if (named.size() > 1) {
            throw input("more than one project is named \"" + project + "\"; use its id");
        }
        if (named.isEmpty()) {
            if (!create) {
                throw input("no project named \"" + project + "\"");
            }
            return List.of(createProject(project));
        }
        return named;
    }

    private JsonNode createProject(String name) {
        JsonNode created = api.post("/v1/projects", Map.of("name", name)).path("data");
        notes.println("Created project \"" + name + "\" (" + created.path("id").asText() + ").");
        notes.flush();
        return created;
    }

    private List<KbRef> knowledgebases(String projectId) {
        List<KbRef> list = new ArrayList<>();
        for (JsonNode kb : api.get("/v1/projects/" + projectId + "/knowledgebases")) {
            list.add(
                    new KbRef(projectId, kb.path("id").asText(), kb.path("name").asText()));
        }
        return list;
    }

    private static String describe(String kb) {
        return kb.startsWith("kb_") ? kb : "named \"" + kb + "\"";
    }

    private static ClientException input(String message) {
        return new ClientException(ClientException.Kind.INPUT, message);
    }
}
