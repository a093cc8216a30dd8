package dev.gleaner.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Set;

/** Turns a {@code POST /v1/projects} body into the new project's name, or a 400 listing every problem. */
final class ProjectRequestValidator {
    static final Set<String> CREATE_FIELDS = Set.of("name");

    private final ApiLimits limits;

    ProjectRequestValidator(ApiLimits limits) {
        this.limits = limits;
    }

    String validateCreate(JsonNode body) {
        Problems problems = new Problems();
        JsonFields fields = JsonFields.ofBody(body, problems);
        fields.rejectUnknown(CREATE_FIELDS);
        String name = fields.text("name", true, limits.maxNameLength());
        problems.throwIfAny();
        return Objects.requireNonNull(name);
    }
}
