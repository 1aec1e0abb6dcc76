package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.Dialect;
import dev.dbtest.junit.internal.DockerProbe;
import dev.dbtest.junit.internal.Messages;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Where the database comes from: the {@code auto}, {@code h2}, {@code postgres} and {@code url} rules. */
class DatabaseSelectionTests {

    /** Nothing listens on port 1: Docker "at" this address is unreachable, and says so at once. */
    private static final String UNREACHABLE_DOCKER = "tcp://127.0.0.1:1";

    @Test
    void autoFallsBackToH2WithOneLineSayingWhyWhenDockerIsUnreachable() {
        SeenDatabaseTestCase.dialects.clear();
        String err = capturingStandardError(() -> Kit.run(Map.of(
                "dbtest.database", "auto",
                "dbtest.docker.host", UNREACHABLE_DOCKER,
                "dbtest.require-docker", "false"), SeenDatabaseTestCase.class, SeenDatabaseTestCase.Again.class));
        assertThat(SeenDatabaseTestCase.dialects).containsExactly(Dialect.H2, Dialect.H2);
        String notice = Messages.fallbackNotice(DockerProbe.whyUnreachable(UNREACHABLE_DOCKER));
        assertThat(notice).startsWith("dbtest: Docker was not used (Docker at tcp://127.0.0.1:1 (dbtest.docker.host) "
                + "did not answer: Connection refused)");
        assertThat(err.split("\n")).filteredOn(line -> line.contains(notice)).hasSize(1);
        assertThat(err.split("\n")).filteredOn(line -> line.contains("dbtest: Docker was not used")).hasSize(1);
    }

    @Test
    void requireDockerTurnsTheFallbackIntoAFailureWithTheReasonAndTheFix() {
        EngineExecutionResults results = Kit.run(Map.of(
                "dbtest.database", "auto",
                "dbtest.docker.host", UNREACHABLE_DOCKER,
                "dbtest.require-docker", "true"), SeenDatabaseTestCase.class);
        DbTestException expected = Messages.dockerRequired(DockerProbe.whyUnreachable(UNREACHABLE_DOCKER));
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage(expected.getMessage())
                .hasMessageContaining("Fix: start Docker");
    }

    @Test
    void postgresWithoutDockerFailsTheSameWay() {
        EngineExecutionResults results = Kit.run(Map.of(
                "dbtest.database", "postgres",
                "dbtest.docker.host", UNREACHABLE_DOCKER), SeenDatabaseTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .hasMessage(Messages.dockerRequired(DockerProbe.whyUnreachable(UNREACHABLE_DOCKER)).getMessage());
    }

    @Test
    void anUnknownDatabaseChoiceNamesTheChoices() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "oracle"), SeenDatabaseTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .hasMessage("dbtest.database has the value 'oracle', which dbtest does not know. Use one of: auto "
                        + "(the default: dbtest.url if set, else PostgreSQL in Docker, else H2), postgres, h2, url.");
    }

    @Test
    void aTypoInAConfigurationKeySetAsASystemPropertyIsNamedWithTheNearestKey() {
        System.setProperty("dbtest.databse", "h2");
        try {
            String printed = capturingStandardError(() -> {
                Kit.assertAllPassed(Kit.run(Map.of("dbtest.database", "h2"), SeenDatabaseTestCase.class), 1);
                return null;
            });
            assertThat(printed).contains("WARN dev.dbtest.junit.internal.DbTestConfig - dbtest does not know the "
                    + "configuration key 'dbtest.databse', set as a system property (-D). Did you mean "
                    + "'dbtest.database'? The keys are: dbtest.database, ");
        } finally {
            System.clearProperty("dbtest.databse");
        }
    }

    @Test
    void aUrlUserWhoMayNotCreateDatabasesIsToldTheGrantToAsk() throws SQLException {
        String role = "dbtest_no_createdb";
        try (Connection admin = localPostgres("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                    + "CREATE ROLE " + role + " LOGIN NOCREATEDB; END IF; END $$");
            EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "url",
                    "dbtest.url", "jdbc:postgresql://127.0.0.1:5432/postgres", "dbtest.username", role),
                    SeenDatabaseTestCase.class);
            assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("dbtest could not create a database for the schema on ")
                    .hasMessageContaining(": the user " + role + " may not create databases (ERROR: permission denied "
                            + "to create database).\n")
                    .hasMessageEndingWith("  Fix: ALTER ROLE " + role + " CREATEDB; or point dbtest.url at a server "
                            + "where the user may.");
        }
    }

    @Test
    void anUnreachableUrlFailsWithTheCauseAndNoPassword() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "url",
                "dbtest.url", "jdbc:postgresql://127.0.0.1:1/nothing?password=s3cret",
                "dbtest.username", "ann"), SeenDatabaseTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("dbtest could not connect to dbtest.url "
                        + "jdbc:postgresql://127.0.0.1:1/nothing?password=*** (user ann): ")
                .hasMessageContaining("Fix: check that the server runs")
                .hasMessageNotContaining("s3cret");
    }

    private static Connection localPostgres(String database) {
        try {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
        } catch (SQLException e) {
            assumeThat(System.getenv("CI")).as("the machine's PostgreSQL on 127.0.0.1:5432 is unreachable (" + e
                    + "); .ci/run starts it in CI").isNotEqualTo("true");
            throw new AssertionError("unreachable: " + e, e);
        }
    }

    private static String capturingStandardError(Supplier<?> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setErr(original);
        }
        String captured = buffer.toString(StandardCharsets.UTF_8);
        original.print(captured);
        return captured;
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    @Order(0)
    static class SeenDatabaseTestCase {

        static final List<Dialect> dialects = new CopyOnWriteArrayList<>();
        static final List<String> urls = new CopyOnWriteArrayList<>();
        static final List<String> schemaNames = new CopyOnWriteArrayList<>();

        @BeforeAll
        static void classLevelInjectionWorks(TestDatabase database) {
            assertThat(database.schemaName()).startsWith("dbtest_");
        }

        @Test
        void records(TestDatabase database, DataSource dataSource) throws SQLException {
            dialects.add(database.dialect());
            urls.add(database.url());
            schemaNames.add(database.schemaName());
            Rows.insertItem(dataSource, 1, "works");
        }

        @DatabaseTest(scripts = "schema.sql")
        @Order(1)
        static class Again {
            @Test
            void records(TestDatabase database) {
                dialects.add(database.dialect());
            }
        }
    }
}
