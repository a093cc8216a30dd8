package dev.gleaner.api.schema;

import java.util.List;

/** Schema {@code ProjectList}: the owner's projects in the {@code {"data": […]}} envelope, newest first. */
public record ProjectList(List<Project> data) {
    public ProjectList {
        data = List.copyOf(data);
    }
}
