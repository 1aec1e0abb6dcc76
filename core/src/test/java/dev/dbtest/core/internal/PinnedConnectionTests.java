package dev.dbtest.core.internal;

import dev.dbtest.core.Dialect;
import dev.dbtest.core.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pinned connection on its own, with the portable statement savepoints ({@code SAVEPOINT} / {@code RELEASE}
 * statements), which the extension uses when the PostgreSQL driver's autosave is not available. Runs on the machine's
 * PostgreSQL at 127.0.0.1:5432 (skipped when it is down, outside CI), in a database made for the test.
 */
class PinnedConnectionTests {

    private LocalPostgres postgres;

    @BeforeEach
    void createDatabase() throws SQLException {
        postgres = LocalPostgres.create("dbtest_core");
        try (Connection setup = connect()) {
            execute(setup, "CREATE TABLE items (id INT PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void explicitStatementSavepointsKeepTheTransactionUsableAfterAFailure() throws SQLException {
        Connection physical = connect();
        TransactionScope scope = PinnedConnection.pin(physical, Dialect.POSTGRESQL, "PinnedConnectionTests",
                StatementSavepoints.explicit());
        try (Connection handle = scope.newHandle()) {
            execute(handle, "INSERT INTO items VALUES (1, 'ann')");
            assertThatThrownBy(() -> execute(handle, "INSERT INTO items VALUES (2, 'ann')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("duplicate key");
            execute(handle, "INSERT INTO items VALUES (3, 'bob')");
            assertThat(count(handle)).isEqualTo(2);
        }
        scope.close();
        assertThat(physical.isClosed()).as("closing the outermost scope closes the physical connection").isTrue();
        try (Connection check = connect()) {
            assertThat(count(check)).as("rows after the scope closed").isZero();
        }
    }

    @Test
    void aNestedScopeIsRolledBackToItsStartAndTheOuterOneKeepsItsRows() throws SQLException {
        TransactionScope outer = PinnedConnection.pin(connect(), Dialect.POSTGRESQL, "outer",
                StatementSavepoints.explicit());
        try (Connection handle = outer.newHandle()) {
            execute(handle, "INSERT INTO items VALUES (1, 'for the class')");
        }
        TransactionScope nested = outer.openNested("nested");
        try (Connection handle = nested.newHandle()) {
            handle.setAutoCommit(false);
            execute(handle, "INSERT INTO items VALUES (2, 'for the test')");
            handle.commit();
            assertThat(count(handle)).isEqualTo(2);
        }
        nested.close();
        try (Connection handle = outer.newHandle()) {
            assertThat(count(handle)).isEqualTo(1);
        }
        outer.close();
    }

    private Connection connect() throws SQLException {
        return postgres.connect();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM items")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
