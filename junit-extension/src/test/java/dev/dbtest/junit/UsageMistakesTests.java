package dev.dbtest.junit;

import dev.dbtest.assertions.QueryLog;
import dev.dbtest.core.DbTestException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mistakes in dbtest's configuration, annotations, parameters, schema sources and query budget files fail the class or
 * the test with the message docs/errors.md quotes, on H2 and before any test body runs where the mistake allows.
 */
class UsageMistakesTests {

    /** A Flyway location outside the classpath, written by the test that needs it. */
    private static final String FAILING_MIGRATIONS = "target/usage-mistakes/failing-migrations";

    // --- configuration ----------------------------------------------------------------------------------------------

    @Test
    void databaseUrlWithoutAUrlAsksForOne() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "url"), ConfiguredTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("dbtest.database=url needs the database's JDBC URL, and none is set. Set dbtest.url (or "
                        + "DBTEST_URL), for example -Ddbtest.url=jdbc:postgresql://localhost:5432/test, with "
                        + "dbtest.username and dbtest.password when the server asks for them.");
    }

    @Test
    void anUnknownBudgetModeNamesTheModes() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2", "dbtest.queries.budget", "check"),
                ConfiguredTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("dbtest.queries.budget has the value 'check', which dbtest does not know. Use off (the "
                        + "default), verify (fail a test whose queries grew past its committed budget) or update "
                        + "(write every test's query profile as its new budget).");
    }

    @Test
    void aPullTimeoutThatIsNotAPositiveWholeNumberOfSecondsIsRefused() {
        for (String value : List.of("2m", "0")) {
            EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2",
                    "dbtest.docker.pull-timeout", value), ConfiguredTestCase.class);
            assertThat(Kit.failures(results)).as(value).singleElement(InstanceOfAssertFactories.THROWABLE)
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("dbtest.docker.pull-timeout has the value '" + value + "'; it must be a whole number "
                            + "of seconds, greater than 0, such as 120.");
        }
    }

    @Test
    void aBooleanKeyWithAValueOtherThanTrueOrFalseIsRefused() {
        for (String key : List.of("dbtest.require-docker", "dbtest.queries.callers")) {
            EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2", key, "yes"),
                    ConfiguredTestCase.class);
            assertThat(Kit.failures(results)).as(key).singleElement(InstanceOfAssertFactories.THROWABLE)
                    .isInstanceOf(DbTestException.class)
                    .hasMessage(key + " has the value 'yes'; it must be true or false.");
        }
    }

    // --- parameters and annotations ---------------------------------------------------------------------------------

    @Test
    void aQueryLogInBeforeAllIsRefusedWithTheAlternative() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2"), QueryLogInBeforeAllTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@DatabaseTest cannot inject parameter [QueryLog queries] of method setUp() of "
                        + QueryLogInBeforeAllTestCase.class.getName() + ": a QueryLog holds the statements of one "
                        + "test, and no test runs in a @BeforeAll or @AfterAll method. Take it as a parameter of the "
                        + "test method.");
    }

    @Test
    void aQueryLogInAConstructorIsRefusedWithTheAlternative() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2"),
                QueryLogInConstructorTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@DatabaseTest cannot inject parameter [QueryLog queries] of the constructor of "
                        + QueryLogInConstructorTestCase.class.getName() + ": a QueryLog holds the statements of one "
                        + "test, and no test runs in a constructor. Take it as a parameter of the test method.");
    }

    @Test
    void aTestDataSourceWhereNoTestRunsIsRefusedWithWhereItWorks() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2"),
                DataSourceInArgumentSourceTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@DatabaseTest cannot inject parameter [DataSource dataSource] of method names() of "
                        + DataSourceInArgumentSourceTestCase.class.getName() + ": no test transaction is running "
                        + "there. DataSource and Connection parameters work in test methods, @BeforeEach and "
                        + "@AfterEach methods; a @BeforeAll method or constructor can take a DataSource.");
    }

    @Test
    void anUnknownNamingInTheAnnotationNamesTheChoices() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2"), KebabNamingTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("@DatabaseTest(naming) on " + KebabNamingTestCase.class.getName() + " has the value "
                        + "'kebab', which dbtest does not know. Use 'jpa' (names as written, JPA's default) or "
                        + "'snake_case' (what Spring Boot applies).");
    }

    @Test
    void theExtensionWithoutDatabaseTestAsksForTheAnnotation() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2"), ExtendedOnlyTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(ExtendedOnlyTestCase.class.getName() + " runs with dbtest's extension but carries no "
                        + "@DatabaseTest; annotate it with @DatabaseTest rather than @ExtendWith");
    }

    // --- schema -----------------------------------------------------------------------------------------------------

    @Test
    void aScriptThatIsNotThereIsNamedWithWhereToPutIt() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2"), MissingScriptTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("The script 'classpath:shema.sql' named in @DatabaseTest(scripts = ...) on "
                        + MissingScriptTestCase.class.getName() + " was not found.\n"
                        + "  Fix: put it on the test classpath (src/test/resources/shema.sql) and name it "
                        + "'classpath:shema.sql', or give a file path as 'file:path/to/script.sql'.");
    }

    @Test
    void aScriptThatCannotBeReadIsNamedWithTheCause() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2"), UnreadableScriptTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("The script 'file:/' of " + UnreadableScriptTestCase.class.getName()
                        + " could not be read: java.io.IOException: ")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void aFailingFlywayMigrationIsReportedWithTheDatabaseAndTheCause() throws IOException {
        Path directory = Path.of(FAILING_MIGRATIONS);
        Files.createDirectories(directory);
        Path migration = directory.resolve("V1__broken.sql");
        Files.writeString(migration, "CREATE TABLE accounts (id INT PRIMARY KEY);\nINSERT INTO missing VALUES (1);\n");
        try {
            EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2"),
                    FailingMigrationTestCase.class);
            assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("The Flyway migrations of " + FailingMigrationTestCase.class.getName()
                            + " failed on embedded H2 (in memory, PostgreSQL mode): ")
                    .hasMessageContaining("V1__broken.sql")
                    .hasMessageEndingWith("\n  Fix the migration it names; migrations run once per run, before the "
                            + "first test that uses them.");
        } finally {
            Files.delete(migration);
            Files.delete(directory);
            Files.delete(directory.getParent());
        }
    }

    // --- query budgets ----------------------------------------------------------------------------------------------

    @Test
    void aBudgetFileEditedOutOfShapeNamesTheLine(@TempDir Path directory) throws IOException {
        Path file = directory.resolve(BudgetTestCase.class.getName() + ".yml");
        Files.writeString(file, "# Query budget\n"
                + "\"writesNothing()\":\n"
                + "  - {type: SELECT, count: many, sql: \"select 1\"}\n");
        EngineExecutionResults results = Kit.run(budget("verify", directory.toString(), directory),
                BudgetTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("The query budget " + file + " cannot be read at line 3:   - {type: SELECT, count: many, "
                        + "sql: \"select 1\"}\n"
                        + "  Fix: regenerate it with -Ddbtest.queries.budget=update (it is written by dbtest; edit "
                        + "counts only).");
    }

    /** Root reads every file whatever its permissions, so the file is made unreadable as text: it is not UTF-8. */
    @Test
    void aBudgetFileThatCannotBeReadIsNamedWithTheCause(@TempDir Path directory) throws IOException {
        Path file = directory.resolve(BudgetTestCase.class.getName() + ".yml");
        Files.write(file, new byte[] {'"', (byte) 0xff, '"', ':', '\n'});
        EngineExecutionResults results = Kit.run(budget("verify", directory.toString(), directory),
                BudgetTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("dbtest could not read the query budget " + file + ": Input length = 1")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void aBudgetDirectoryThatCannotBeWrittenIsNamedWithTheCause(@TempDir Path directory) throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("budgets"), "a file, not a directory\n");
        EngineExecutionResults results = Kit.run(budget("update", notADirectory.toString(), directory),
                BudgetTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("dbtest could not write the query budget "
                        + notADirectory.resolve(BudgetTestCase.class.getName() + ".yml") + ": " + notADirectory)
                .hasCauseInstanceOf(IOException.class);
    }

    private static Map<String, String> budget(String mode, String budgetDirectory, Path reportDirectory) {
        return Map.of("dbtest.database", "h2", "dbtest.queries.budget", mode,
                "dbtest.queries.budget-dir", budgetDirectory, "dbtest.queries.report-dir", reportDirectory.toString());
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    static class ConfiguredTestCase {
        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class QueryLogInBeforeAllTestCase {
        @BeforeAll
        static void setUp(QueryLog queries) {
        }

        @Test
        void test() {
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class QueryLogInConstructorTestCase {
        QueryLogInConstructorTestCase(QueryLog queries) {
        }

        @Test
        void test() {
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class DataSourceInArgumentSourceTestCase {
        static List<String> names(DataSource dataSource) {
            return List.of("Ann");
        }

        @ParameterizedTest
        @MethodSource("names")
        void neverRuns(String name) {
        }
    }

    @DatabaseTest(scripts = "schema.sql", naming = "kebab")
    static class KebabNamingTestCase {
        @Test
        void neverRuns() {
        }
    }

    @ExtendWith(DatabaseTestExtension.class)
    static class ExtendedOnlyTestCase {
        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(scripts = "classpath:shema.sql")
    static class MissingScriptTestCase {
        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(scripts = "file:/")
    static class UnreadableScriptTestCase {
        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(migrations = "filesystem:" + FAILING_MIGRATIONS)
    static class FailingMigrationTestCase {
        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class BudgetTestCase {
        @Test
        void writesNothing() {
        }
    }
}
