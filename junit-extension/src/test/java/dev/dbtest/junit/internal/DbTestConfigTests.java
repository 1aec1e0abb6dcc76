package dev.dbtest.junit.internal;

import dev.dbtest.junit.internal.DbTestConfig.BudgetMode;
import dev.dbtest.junit.internal.DbTestConfig.DatabaseChoice;
import dev.dbtest.junit.internal.DbTestConfig.LeakMode;
import org.junit.jupiter.api.Test;

import dev.dbtest.core.DbTestException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where each key is read from: JUnit's configuration parameter, else the environment variable beside it, else its default. */
class DbTestConfigTests {

    private static DbTestConfig read(Map<String, String> parameters, Map<String, String> environment) {
        return DbTestConfig.read(key -> Optional.ofNullable(parameters.get(key)), environment);
    }

    @Test
    void withNothingSetEveryKeyHasItsDefault() {
        DbTestConfig config = read(Map.of(), Map.of());

        assertThat(config.database()).isEqualTo(DatabaseChoice.AUTO);
        assertThat(config.url()).isNull();
        assertThat(config.postgresImage()).isEqualTo("postgres:16-alpine");
        assertThat(config.requireDocker()).isFalse();
        assertThat(config.budgetMode()).isEqualTo(BudgetMode.OFF);
        assertThat(config.budgetDirectory()).isEqualTo(Path.of("src/test/resources/dbtest/queries"));
        assertThat(config.reportDirectory()).isEqualTo(Path.of("target/dbtest"));
        assertThat(config.callers()).isTrue();
        assertThat(config.leaks()).isEqualTo(LeakMode.WARN);
        assertThat(config.leakSitesAlways()).as("sites recorded from the first leak on").isFalse();
    }

    @Test
    void initdbSnapshotsAreOnByDefaultAndCanBeSwitchedOff() {
        assertThat(read(Map.of(), Map.of()).initdbSnapshot()).isTrue();
        assertThat(read(Map.of("dbtest.docker.initdb-snapshot", "false"), Map.of()).initdbSnapshot()).isFalse();
        assertThat(read(Map.of(), Map.of("DBTEST_DOCKER_INITDB_SNAPSHOT", "false")).initdbSnapshot()).isFalse();
        assertThatThrownBy(() -> read(Map.of("dbtest.docker.initdb-snapshot", "no"), Map.of()))
                .hasMessageContaining("dbtest.docker.initdb-snapshot");
    }

    @Test
    void reuseIsOffByDefaultAndIgnoredWhenCiIsTrue() {
        assertThat(read(Map.of(), Map.of()).reuse()).isFalse();
        assertThat(read(Map.of("dbtest.reuse", "true"), Map.of()).reuse()).isTrue();
        DbTestConfig onCi = read(Map.of("dbtest.reuse", "true"), Map.of("CI", "true"));
        assertThat(onCi.reuse()).isFalse();
        assertThat(onCi.reuseIgnoredOnCi()).isTrue();
        assertThat(read(Map.of(), Map.of("DBTEST_REUSE", "true", "CI", "false")).reuse()).isTrue();
    }

    @Test
    void keepOnFailureIsOffByDefaultAndKeepsNoPrivateContainerOnCiNorBesideReuse() {
        assertThat(read(Map.of(), Map.of()).keepOnFailure()).isFalse();
        DbTestConfig asked = read(Map.of("dbtest.keep-on-failure", "true"), Map.of());
        assertThat(asked.keepOnFailure()).isTrue();
        assertThat(asked.keepContainerOnFailure()).isTrue();
        DbTestConfig onCi = read(Map.of("dbtest.keep-on-failure", "true"), Map.of("CI", "true"));
        assertThat(onCi.keepOnFailure()).as("copies on a dbtest.url server or H2 last on CI too").isTrue();
        assertThat(onCi.keepContainerOnFailure()).isFalse();
        DbTestConfig withReuse = read(Map.of("dbtest.keep-on-failure", "true", "dbtest.reuse", "true"), Map.of());
        assertThat(withReuse.keepContainerOnFailure()).as("the reused container is kept anyway").isFalse();
        assertThat(read(Map.of(), Map.of("DBTEST_KEEP_ON_FAILURE", "true")).keepOnFailure()).isTrue();
        assertThatThrownBy(() -> read(Map.of("dbtest.keep-on-failure", "yes"), Map.of()))
                .hasMessageContaining("dbtest.keep-on-failure has the value 'yes'; it must be true or false.");
    }

    @Test
    void theEnvironmentVariableBesideEachKeyIsUsedWhenTheParameterIsNotSet() {
        DbTestConfig config = read(Map.of(), Map.of(
                "DBTEST_DATABASE", "url",
                "DBTEST_URL", "jdbc:postgresql://db:5432/app",
                "DBTEST_USERNAME", "app",
                "DBTEST_PASSWORD", "secret",
                "DBTEST_POSTGRES_IMAGE", "mirror.example.com/postgres:15",
                "DBTEST_REQUIRE_DOCKER", "true",
                "DBTEST_QUERIES_BUDGET", "verify",
                "DBTEST_QUERIES_BUDGET_DIR", "budgets",
                "DBTEST_LEAKS", "fail",
                "DBTEST_LEAKS_SITES", "always"));

        assertThat(config.database()).isEqualTo(DatabaseChoice.URL);
        assertThat(config.url()).isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(config.username()).isEqualTo("app");
        assertThat(config.password()).isEqualTo("secret");
        assertThat(config.postgresImage()).isEqualTo("mirror.example.com/postgres:15");
        assertThat(config.requireDocker()).isTrue();
        assertThat(config.budgetMode()).isEqualTo(BudgetMode.VERIFY);
        assertThat(config.budgetDirectory()).isEqualTo(Path.of("budgets"));
        assertThat(config.leaks()).isEqualTo(LeakMode.FAIL);
        assertThat(config.leakSitesAlways()).isTrue();
    }

    @Test
    void aParameterWinsOverItsEnvironmentVariableAndABlankOneStandsForTheDefault() {
        DbTestConfig config = read(
                Map.of("dbtest.database", "h2", "dbtest.queries.budget", " ", "dbtest.leaks", "off"),
                Map.of("DBTEST_DATABASE", "postgres", "DBTEST_QUERIES_BUDGET", "update", "DBTEST_LEAKS", "fail"));

        assertThat(config.database()).isEqualTo(DatabaseChoice.H2);
        assertThat(config.budgetMode()).as("a blank parameter: the default").isEqualTo(BudgetMode.OFF);
        assertThat(config.leaks()).isEqualTo(LeakMode.OFF);
    }

    @Test
    void environmentNamesAreTheKeysInUpperCaseWithUnderscores() {
        assertThat(DbTestConfig.environmentName("dbtest.require-docker")).isEqualTo("DBTEST_REQUIRE_DOCKER");
        assertThat(DbTestConfig.environmentName("dbtest.queries.budget-dir")).isEqualTo("DBTEST_QUERIES_BUDGET_DIR");
    }

    @Test
    void thePoolHasAConnectionForEveryTestThatCanRunAtOnceAndRoomForClassesAndSchemas() {
        assertThat(read(Map.of(), Map.of()).poolSize()).as("sequential").isEqualTo(8);
        assertThat(read(Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "16"), Map.of()).poolSize())
                .isEqualTo(36);
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(read(Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.dynamic.factor", "4"), Map.of()).poolSize())
                .isEqualTo(Math.max(8, 2 * 4 * cores + 4));
    }

    @Test
    void aKeyDbtestDoesNotKnowIsRefusedWithTheNearestOneItDoes() {
        assertThatThrownBy(() -> DbTestConfig.checkKeys(List.of("user.home", "dbtest.url", "dbtest.databse"),
                "a system property (-D)"))
                .isInstanceOf(DbTestException.class)
                .hasMessage("dbtest does not know the configuration key 'dbtest.databse', set as a system property (-D). "
                        + "Did you mean 'dbtest.database'? The keys are: " + String.join(", ", DbTestConfig.KEYS) + ".");
        assertThatCode(() -> DbTestConfig.checkKeys(DbTestConfig.KEYS, "junit-platform.properties"))
                .doesNotThrowAnyException();
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertThat(dev.dbtest.core.internal.EditDistance.between("dbtest.leak", "dbtest.leaks")).isEqualTo(1);
        assertThat(dev.dbtest.core.internal.EditDistance.between("dbtest.databse", "dbtest.database")).isEqualTo(1);
        assertThat(dev.dbtest.core.internal.EditDistance.between("kitten", "sitting")).isEqualTo(3);
    }
}
