package dev.gleaner.api;

/**
 * What the process's HTTP server serves, by the role of the process: everything (the API, the web UI and the system
 * routes), or, for a worker, only {@code /health} and {@code /metrics}, every other path answering 404.
 *
 * @param name the role as {@code /health} reports it: {@code all}, {@code api} or {@code worker}
 * @param servesApi whether the API ({@code /v1}, {@code /openapi.json}) and the web UI are served
 */
public record ProcessRole(String name, boolean servesApi) {}
