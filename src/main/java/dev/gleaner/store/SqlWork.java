package dev.gleaner.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection of a {@link Database}, inside a transaction or a single read. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
