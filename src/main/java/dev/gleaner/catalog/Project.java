package dev.gleaner.catalog;

import java.time.Instant;

/** A project: the unit of ownership. Every knowledgebase belongs to one project, every project to one owner. */
public record Project(String id, String ownerId, String name, Instant createdAt, Instant updatedAt) {}
