package dev.gleaner.api.schema;

import java.util.List;

/** Schema {@code JobList}: a knowledgebase's jobs, newest first. */
public record JobList(List<Job> jobs) {
    public JobList {
        jobs = List.copyOf(jobs);
    }
}
