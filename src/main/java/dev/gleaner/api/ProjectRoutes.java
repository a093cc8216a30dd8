package dev.gleaner.api;

import dev.gleaner.api.schema.Message;
import dev.gleaner.api.schema.ProjectData;
import dev.gleaner.api.schema.SchemaMapping;
import dev.gleaner.catalog.Catalog;

/** {@code /v1/projects} and {@code /v1/projects/{projectId}}. */
final class ProjectRoutes {
    static final String PROJECTS = "/v1/projects";
    static final String PROJECT = PROJECTS + "/{projectId}";

    private final Catalog catalog;
    private final RequestIo io;
    private final PathResources path;
    private final ProjectRequestValidator validator;

    ProjectRoutes(Catalog catalog, RequestIo io, PathResources path, ApiLimits limits) {
        this.catalog = catalog;
        this.io = io;
        this.path = path;
        this.validator = new ProjectRequestValidator(limits);
    }

    void register(ApiRouter router) {
        router.get(PROJECTS, (ctx, owner) -> io.ok(ctx, SchemaMapping.projects(catalog.projects(owner))));
        router.post(PROJECTS, (ctx, owner) -> {
            String name = validator.validateCreate(io.body(ctx));
            io.reply(ctx, 201, new ProjectData(SchemaMapping.project(catalog.createProject(owner, name))));
        });
        router.get(
                PROJECT,
                (ctx, owner) -> io.ok(
                        ctx, new ProjectData(SchemaMapping.project(catalog.project(owner, path.projectId(ctx))))));
        router.delete(PROJECT, (ctx, owner) -> {
            catalog.deleteProject(owner, path.projectId(ctx));
            io.ok(ctx, new Message("Project deleted"));
        });
    }
}
