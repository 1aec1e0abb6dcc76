package dev.dbtest.junit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dbtest.reuse=true}: the container and the template databases are kept between runs on a developer's machine,
 * and ignored when {@code CI=true}. Each run is a JVM of its own, with {@code CI} removed from its environment (and set,
 * for the last test); the kept container is removed afterwards.
 */
class ReuseTests {

    private static final Pattern SEEN = Pattern.compile("SEEN (\\S+) (\\S+) (\\S+)");
    private static final String LABEL = "dev.dbtest.reuse";

    @Test
    void aLaterRunAdoptsTheKeptContainerAndItsTemplateAndWorksInADatabaseOfItsOwn() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        removeKeptContainers();
        try {
            String first = runOnce(Map.of("CI", ""));
            assertThat(first).contains(", kept after the run (dbtest.reuse)")
                    .contains("keeps running for the next run (dbtest.reuse=true); stop it with: docker rm -f ");
            String second = runOnce(Map.of("CI", ""));
            assertThat(second).contains(", kept by an earlier run (dbtest.reuse)");
            Matcher one = seen(first);
            Matcher two = seen(second);
            assertThat(two.group(1)).as("the server (host and port) of the second run").isEqualTo(one.group(1));
            assertThat(two.group(3)).as("when the template was built: not again").isEqualTo(one.group(3));
            assertThat(two.group(2)).as("each run's database").isNotEqualTo(one.group(2))
                    .matches("dbtest_[0-9a-f]{16}_run_[0-9a-f]{8}");
            assertThat(keptContainers()).hasSize(1);
        } finally {
            removeKeptContainers();
        }
    }

    @Test
    void onCiReuseIsIgnoredAndTheContainerIsStopped() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        removeKeptContainers();
        String output = runOnce(Map.of("CI", "true"));
        assertThat(output).contains("dbtest: dbtest.reuse=true is ignored because CI=true: on CI the container is "
                + "stopped after the run, so that no job leaves one behind");
        assertThat(keptContainers()).isEmpty();
    }

    private static String runOnce(Map<String, String> environment) throws Exception {
        try (ChildJvm child = ChildJvm.run(environment, ReuseTestCase.class, "-Ddbtest.database=postgres",
                "-Ddbtest.reuse=true")) {
            assertThat(child.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = String.join("\n", child.output());
            assertThat(child.process().exitValue()).as(output).isZero();
            return output;
        }
    }

    private static Matcher seen(String output) {
        Matcher matcher = SEEN.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return matcher;
    }

    private static List<com.github.dockerjava.api.model.Container> keptContainers() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(LABEL)).exec();
    }

    private static void removeKeptContainers() {
        for (var container : keptContainers()) {
            DockerClientFactory.instance().client().removeContainerCmd(container.getId()).withForce(true).exec();
        }
    }

    // --- the test case ----------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "reuse.sql")
    @Order(0)
    static class ReuseTestCase {
        @Test
        void printsWhereItRan(TestDatabase database, DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                 ResultSet rows = connection.createStatement().executeQuery("SELECT at FROM built")) {
                rows.next();
                String server = database.url().replaceFirst("jdbc:postgresql://([^/]+)/.*", "$1");
                System.out.println("SEEN " + server + " " + database.schemaName() + " "
                        + rows.getString(1).replace(' ', 'T'));
            }
        }
    }
}
