package dev.gleaner.catalog;

import dev.gleaner.ErrorCode;
import dev.gleaner.Ids;
import dev.gleaner.ServiceException;
import dev.gleaner.index.SearchIndex;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Projects and knowledgebases, always seen through their owner: anything of another owner is "not found". Deleting
 * removes every row below in SQL (which also stops that work's jobs: their leases can no longer complete) and then the
 * index entries.
 */
public final class Catalog {
    private final CatalogStore store;
    private final SearchIndex index;
    private final Set<String> embeddingModels;
    private final String indexType;
    private final Clock clock;

    public Catalog(CatalogStore store, SearchIndex index, Set<String> embeddingModels, String indexType, Clock clock) {
        this.store = store;
        this.index = index;
        this.embeddingModels = Set.copyOf(embeddingModels);
        this.indexType = indexType;
        this.clock = clock;
    }

    public Project createProject(String ownerId, String name) {
        Instant now = clock.instant();
        Project project = new Project(Ids.next("proj"), ownerId, name, now, now);
        store.insertProject(project);
        return project;
    }

    public List<Project> projects(String ownerId) {
        return store.listProjects(ownerId);
    }

    public Project project(String ownerId, String projectId) {
        return store.findProject(ownerId, projectId).orElseThrow(() -> ServiceException.notFound("Project"));
    }

    public void deleteProject(String ownerId, String projectId) {
        project(ownerId, projectId);
        List<String> kbIds = store.knowledgebaseIds(projectId);
        store.deleteProject(projectId);
        kbIds.forEach(index::deleteKnowledgebase);
    }

    /** Creates a knowledgebase; an embedding model this deployment lacks is a 400 listing the available ones. */
    public Knowledgebase createKnowledgebase(String ownerId, String projectId, NewKnowledgebase request) {
        project(ownerId, projectId);
        if (!embeddingModels.contains(request.embeddingModelName())) {
            throw ServiceException.badRequest(
                    "Embedding model '" + request.embeddingModelName() + "' is not available",
                    Map.of(
                            "embeddingModelName",
                            "available: "
                                    + String.join(
                                            ", ",
                                            embeddingModels.stream().sorted().toList())));
        }
        Instant now = clock.instant();
        Knowledgebase kb = new Knowledgebase(
                Ids.next("kb"),
                projectId,
                request.name(),
                indexType,
                request.embeddingModelName(),
                request.chunkSize(),
                request.chunkOverlap(),
                now,
                now,
                0,
                0);
        store.insertKnowledgebase(kb);
        return kb;
    }

    public List<Knowledgebase> knowledgebases(String ownerId, String projectId) {
        project(ownerId, projectId);
        return store.listKnowledgebases(projectId);
    }

    public Knowledgebase knowledgebase(String ownerId, String projectId, String knowledgebaseId) {
        project(ownerId, projectId);
        return store.findKnowledgebase(projectId, knowledgebaseId)
                .orElseThrow(() -> ServiceException.notFound("Knowledgebase"));
    }

    public Knowledgebase rename(String ownerId, String projectId, String knowledgebaseId, String name) {
        knowledgebase(ownerId, projectId, knowledgebaseId);
        return store.renameKnowledgebase(knowledgebaseId, name, clock.instant());
    }

    public void deleteKnowledgebase(String ownerId, String projectId, String knowledgebaseId) {
        knowledgebase(ownerId, projectId, knowledgebaseId);
        store.deleteKnowledgebase(knowledgebaseId);
        index.deleteKnowledgebase(knowledgebaseId);
    }

    /** The error for an attempt to change a setting that is fixed at creation. */
    public static ServiceException immutable(List<String> fields) {
        Map<String, String> details = new java.util.LinkedHashMap<>();
        fields.forEach(f -> details.put(f, "cannot be changed after the knowledgebase is created"));
        return new ServiceException(
                ErrorCode.CONFLICT, "These settings are fixed at creation: " + String.join(", ", fields), details);
    }
}
