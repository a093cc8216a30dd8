package dev.gleaner.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of projects and knowledgebases. Every lookup is scoped by owner: a project of another owner is simply
 * not found, so existence is never leaked.
 */
public interface CatalogStore {
    void insertProject(Project project);

    /** The owner's projects, newest first. */
    List<Project> listProjects(String ownerId);

    Optional<Project> findProject(String ownerId, String projectId);

    /** Deletes the project and every row under it (knowledgebases, jobs, frontier, datasets, chunks). */
    void deleteProject(String projectId);

    void insertKnowledgebase(Knowledgebase kb);

    /** The project's knowledgebases, newest first, with their dataset and chunk counts. */
    List<Knowledgebase> listKnowledgebases(String projectId);

    Optional<Knowledgebase> findKnowledgebase(String projectId, String knowledgebaseId);

    /** Renames; returns the updated row. */
    Knowledgebase renameKnowledgebase(String knowledgebaseId, String name, Instant now);

    /** Deletes the knowledgebase and every row under it (jobs, frontier, datasets, chunks). */
    void deleteKnowledgebase(String knowledgebaseId);

    /** Ids of every knowledgebase of the project (to clean the index when the project is deleted). */
    List<String> knowledgebaseIds(String projectId);
}
