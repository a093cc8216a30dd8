package dev.gleaner.store;

/** Every SQL store on one database, as a process wires them. */
record Stores(
        Database database,
        SqlCatalogStore catalog,
        SqlKeyStore keys,
        SqlJobStore jobs,
        SqlFrontier frontier,
        SqlDatasetStore datasets) {

    static Stores on(Database database) {
        return new Stores(
                database,
                new SqlCatalogStore(database),
                new SqlKeyStore(database),
                new SqlJobStore(database),
                new SqlFrontier(database),
                new SqlDatasetStore(database));
    }
}
