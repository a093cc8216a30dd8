package dev.gleaner.store;

import dev.gleaner.ServiceException;
import dev.gleaner.catalog.CatalogStore;
import dev.gleaner.catalog.Knowledgebase;
import dev.gleaner.catalog.Project;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link CatalogStore} in SQL. A knowledgebase's dataset and chunk counts are counted when it is read. Deletes
 * remove every row below, in one transaction (see {@link Cascade}).
 */
public final class SqlCatalogStore implements CatalogStore {
    private static final String PROJECT_COLUMNS = "id, owner_id, name, created_at, updated_at";
    private static final String KNOWLEDGEBASE_COLUMNS = "k.id, k.project_id, k.name, k.type,"
            + " k.embedding_model_name, k.chunk_size, k.chunk_overlap, k.created_at, k.updated_at,"
            + " (SELECT COUNT(*) FROM datasets d WHERE d.knowledgebase_id = k.id) AS dataset_count,"
            + " (SELECT COUNT(*) FROM chunks c WHERE c.knowledgebase_id = k.id) AS chunk_count";

    private final Database database;

    public SqlCatalogStore(Database database) {
        this.database = database;
    }

    @Override
    public void insertProject(Project project) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO projects (" + PROJECT_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, project.id());
                insert.setString(2, project.ownerId());
                insert.setString(3, project.name());
                insert.setLong(4, SqlValues.millis(project.createdAt()));
                insert.setLong(5, SqlValues.millis(project.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<Project> listProjects(String ownerId) {
        return database.read(connection -> projects(
                connection,
                "SELECT " + PROJECT_COLUMNS + " FROM projects WHERE owner_id = ? ORDER BY created_at DESC, id DESC",
                ownerId));
    }

    @Override
    public Optional<Project> findProject(String ownerId, String projectId) {
        return database.read(connection -> projects(
                        connection,
                        "SELECT " + PROJECT_COLUMNS + " FROM projects WHERE owner_id = ? AND id = ?",
                        ownerId,
                        projectId)
                .stream()
                .findFirst());
    }

    @Override
    public void deleteProject(String projectId) {
        database.inTransaction(connection -> {
            Cascade.deleteProject(connection, database.dialect(), projectId);
            return projectId;
        });
    }

    @Override
    public void insertKnowledgebase(Knowledgebase kb) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO knowledgebases (id, project_id,"
                    + " name, type, embedding_model_name, chunk_size, chunk_overlap, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, kb.id());
                insert.setString(2, kb.projectId());
                insert.setString(3, kb.name());
                insert.setString(4, kb.type());
                insert.setString(5, kb.embeddingModelName());
                insert.setInt(6, kb.chunkSize());
                insert.setInt(7, kb.chunkOverlap());
                insert.setLong(8, SqlValues.millis(kb.createdAt()));
                insert.setLong(9, SqlValues.millis(kb.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<Knowledgebase> listKnowledgebases(String projectId) {
        return database.read(connection -> knowledgebases(
                connection,
                "SELECT " + KNOWLEDGEBASE_COLUMNS
                        + " FROM knowledgebases k WHERE k.project_id = ? ORDER BY k.created_at DESC, k.id DESC",
                projectId));
    }

    @Override
    public Optional<Knowledgebase> findKnowledgebase(String projectId, String knowledgebaseId) {
        return database.read(connection -> findKnowledgebase(connection, projectId, knowledgebaseId));
    }

    @Override
    public Knowledgebase renameKnowledgebase(String knowledgebaseId, String name, Instant now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE knowledgebases SET name = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, name);
                update.setLong(2, SqlValues.millis(now));
                update.setString(3, knowledgebaseId);
                update.executeUpdate();
            }
            return knowledgebases(
                            connection,
                            "SELECT " + KNOWLEDGEBASE_COLUMNS + " FROM knowledgebases k WHERE k.id = ?",
                            knowledgebaseId)
                    .stream()
                    .findFirst()
                    .orElseThrow(() -> ServiceException.notFound("Knowledgebase"));
        });
    }

    @Override
    public void deleteKnowledgebase(String knowledgebaseId) {
        database.inTransaction(connection -> {
            Cascade.deleteKnowledgebase(connection, database.dialect(), knowledgebaseId);
            return knowledgebaseId;
        });
    }

    @Override
    public List<String> knowledgebaseIds(String projectId) {
        return database.read(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT id FROM knowledgebases WHERE project_id = ? ORDER BY id")) {
                select.setString(1, projectId);
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    private static Optional<Knowledgebase> findKnowledgebase(
            Connection connection, String projectId, String knowledgebaseId) throws SQLException {
        return knowledgebases(
                        connection,
                        "SELECT " + KNOWLEDGEBASE_COLUMNS
                                + " FROM knowledgebases k WHERE k.project_id = ? AND k.id = ?",
                        projectId,
                        knowledgebaseId)
                .stream()
                .findFirst();
    }

    private static List<Project> projects(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = prepare(connection, sql, parameters);
                ResultSet rows = select.executeQuery()) {
            List<Project> projects = new ArrayList<>();
            while (rows.next()) {
                projects.add(new Project(
                        rows.getString("id"),
                        rows.getString("owner_id"),
                        rows.getString("name"),
                        SqlValues.instant(rows, "created_at"),
                        SqlValues.instant(rows, "updated_at")));
            }
            return projects;
        }
    }

    private static List<Knowledgebase> knowledgebases(Connection connection, String sql, String... parameters)
            throws SQLException {
        try (PreparedStatement select = prepare(connection, sql, parameters);
                ResultSet rows = select.executeQuery()) {
            List<Knowledgebase> knowledgebases = new ArrayList<>();
            while (rows.next()) {
                knowledgebases.add(new Knowledgebase(
                        rows.getString("id"),
                        rows.getString("project_id"),
                        rows.getString("name"),
                        rows.getString("type"),
                        rows.getString("embedding_model_name"),
                        rows.getInt("chunk_size"),
                        rows.getInt("chunk_overlap"),
                        SqlValues.instant(rows, "created_at"),
                        SqlValues.instant(rows, "updated_at"),
                        rows.getLong("dataset_count"),
                        rows.getLong("chunk_count")));
            }
            return knowledgebases;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, String... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
