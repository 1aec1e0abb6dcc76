package dev.dbtest.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbtest.junit.DatabaseTest;
import org.junit.jupiter.api.RepeatedTest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The contenders of {@link TransactionOverheadBenchmark}: the same {@value #TESTS} tests run with dbtest, with plain
 * JUnit, and with plain JUnit plus the raw floor of a rolled-back test (a pooled connection, {@code autoCommit} off,
 * one {@code SAVEPOINT}, {@code rollback()}). Each comes empty and with one {@code SELECT 1}.
 */
final class OverheadCases {

    static final int TESTS = 1000;

    /** The pool the plain and raw-floor cases use; dbtest's cases use dbtest's own pool on the same database. */
    static volatile HikariDataSource pool;

    private OverheadCases() {
    }

    static void selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
        }
    }

    static void rawFloor(boolean withStatement) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            connection.setSavepoint();
            if (withStatement) {
                selectOne(connection);
            }
            connection.rollback();
        }
    }

    @DatabaseTest
    static class DbtestEmpty {
        @RepeatedTest(TESTS)
        void test() {
        }
    }

    static class PlainEmpty {
        @RepeatedTest(TESTS)
        void test() {
        }
    }

    static class RawFloorEmpty {
        @RepeatedTest(TESTS)
        void test() throws SQLException {
            rawFloor(false);
        }
    }

    @DatabaseTest
    static class DbtestSelect {
        @RepeatedTest(TESTS)
        void test(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                selectOne(connection);
            }
        }
    }

    static class PlainSelect {
        @RepeatedTest(TESTS)
        void test() throws SQLException {
            try (Connection connection = pool.getConnection()) {
                selectOne(connection);
            }
        }
    }

    static class RawFloorSelect {
        @RepeatedTest(TESTS)
        void test() throws SQLException {
            rawFloor(true);
        }
    }
}
