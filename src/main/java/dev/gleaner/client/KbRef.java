package dev.gleaner.client;

/** A knowledgebase the client resolved: its project, id and name, and the API path of it. */
public record KbRef(String projectId, String id, String name) {
    public String path() {
        return "/v1/projects/" + projectId + "/knowledgebases/" + id;
    }
}
