package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The other schema sources: entity packages and Flyway migrations, alone and combined. */
class SchemaSourcesTests {

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void entityPackagesAreScannedForEntities(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, ScannedTestCase.class), 1);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void flywayMigrationsBuildTheSchemaAndEachTestIsRolledBack(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, MigrationsTestCase.class), 2);
    }

    @Test
    void aPackageWithoutEntitiesIsReportedWithTheFix() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, EmptyPackageTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("@DatabaseTest(entityPackages = com.example.nothing) on "
                        + EmptyPackageTestCase.class.getName() + " found no class annotated with "
                        + "@jakarta.persistence.Entity there.\n"
                        + "  Fix: check the package names (subpackages are included), or list the classes with "
                        + "@DatabaseTest(entities = {...}).");
    }

    @Test
    void aMigrationLocationWithoutMigrationsIsReportedWithTheFix() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, MissingMigrationsTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("@DatabaseTest(migrations = \"classpath:db/nowhere\") on "
                        + MissingMigrationsTestCase.class.getName() + " found no migration there.\n");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aFailingScriptIsReportedWithItsLineAndStatement(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, BrokenScriptTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("The schema script broken.sql of " + BrokenScriptTestCase.class.getName()
                        + " failed at line 5 on ")
                .hasMessageContaining("\n  statement: INSERT INTO missing VALUES (1)\n  Fix the script;");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void classesWithDifferentEntitiesDoNotSeeEachOthersTables(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, ScannedTestCase.class, OtherEntitiesTestCase.class), 2);
    }

    @DatabaseTest(scripts = "broken.sql")
    static class BrokenScriptTestCase {
        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(entities = EntitySchemaTests.BookReview.class)
    static class OtherEntitiesTestCase {
        @Test
        void seesOnlyItsOwnTables(Connection connection) throws SQLException {
            assertThat(Rows.queryString(connection, "SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE lower(table_name) IN ('publisher', 'magazine')")).isEqualTo("0");
            assertThat(Rows.queryString(connection, "SELECT COUNT(*) FROM information_schema.tables "
                    + "WHERE lower(table_name) = 'bookreview'")).isEqualTo("1");
        }
    }

    @DatabaseTest(entityPackages = "dev.dbtest.junit.scanned")
    static class ScannedTestCase {
        @Test
        void bothEntitiesHaveTables(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO Publisher (id, name) VALUES (1, 'Acme')");
                statement.execute("INSERT INTO Magazine (id, title, publisher_id) VALUES (1, 'Monthly', 1)");
            }
            assertThat(Rows.queryString(connection, "SELECT title FROM Magazine")).isEqualTo("Monthly");
        }
    }

    @DatabaseTest(migrations = "classpath:db/migration")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class MigrationsTestCase {
        @Test
        void a_writesThroughTheMigratedTable(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO accounts (id, owner, balance) VALUES (1, 'Ann', 10.50)");
            }
            assertThat(Rows.queryString(connection, "SELECT balance FROM accounts")).isEqualTo("10.50");
        }

        @Test
        void b_nothingIsLeft(Connection connection) throws SQLException {
            assertThat(Rows.queryString(connection, "SELECT COUNT(*) FROM accounts")).isEqualTo("0");
        }
    }

    @DatabaseTest(entityPackages = "com.example.nothing")
    static class EmptyPackageTestCase {
        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(migrations = "classpath:db/nowhere")
    static class MissingMigrationsTestCase {
        @Test
        void neverRuns() {
        }
    }
}
