package dev.dbtest.junit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import dev.dbtest.assertions.DbAssertions;
import dev.dbtest.assertions.QueryLog;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.testcontainers.DockerClientFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What dbtest starts is reachable from this machine only, with a password of its own, and no password given to dbtest
 * ever shows in a message, an exception or a log line.
 */
class SecurityTests {

    @Test
    void thePostgresContainerListensOnLoopbackOnlyWithARandomPasswordAndIsReachedAtItsOwnAddress() {
        // Two runs from the initdb snapshot (the default), which share its password, then two from the image itself.
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String snapshot : List.of("true", "true", "false", "false")) {
            ContainerProbeTestCase.seen.clear();
            Kit.assertAllPassed(Kit.run(TestedDatabase.POSTGRES, Map.of("dbtest.docker.initdb-snapshot", snapshot),
                    ContainerProbeTestCase.class), 1);
            runs.add(Map.copyOf(ContainerProbeTestCase.seen));
        }

        for (Map<String, Object> seen : runs) {
            assertThat(seen.get("loopback")).as("reachable on 127.0.0.1").isEqualTo(true);
            assertThat(seen.get("bindings")).as("host addresses the port is published on")
                    .isEqualTo(List.of("127.0.0.1"));
            assertThat((List<?>) seen.get("elsewhere")).as("this machine's other addresses").isNotEmpty()
                    .allSatisfy(answer -> assertThat(answer.toString()).endsWith("=refused"));
            assertThat(seen.get("password").toString()).matches("POSTGRES_PASSWORD=[0-9a-f]{24}");
            List<?> bridge = (List<?>) seen.get("bridge");
            if (bridge.isEmpty()) {
                assertThat(seen.get("host")).as("no Docker network of this machine: the published port")
                        .isIn("localhost", "127.0.0.1");
            } else {
                assertThat(seen.get("host")).as("Docker's bridge is on this machine: the container's own address, "
                        + "not Docker's port proxy").isIn(bridge.toArray());
            }
        }
        assertThat(runs.get(0).get("password")).as("the snapshot's password, chosen at random when it was made")
                .isEqualTo(runs.get(1).get("password"));
        assertThat(runs.get(2).get("password")).as("without the snapshot, each container gets a password of its own")
                .isNotEqualTo(runs.get(3).get("password"))
                .isNotEqualTo(runs.get(0).get("password"));
    }

    @Test
    void aPasswordGivenToDbtestNeverAppearsInAnyMessageExceptionOrLogLine() throws SQLException {
        String sentinel = "Sentinel" + UUID.randomUUID().toString().replace("-", "");
        String database = "dbtest_sentinel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<String> schemaDatabases = Collections.synchronizedList(new ArrayList<>());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<Throwable> failures = new ArrayList<>();
        try (Connection admin = localPostgres()) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            PrintStream out = System.out;
            PrintStream err = System.err;
            PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            try {
                String server = "jdbc:postgresql://127.0.0.1:5432/" + database;
                // A server that is there: the run works, fails its tests on purpose, logs, reports.
                failures.addAll(Kit.failures(Kit.run(Map.of("dbtest.database", "url", "dbtest.url", server,
                        "dbtest.username", "postgres", "dbtest.password", sentinel, "dbtest.leaks", "fail"),
                        FailingTestCase.class, ConnectionLeakTests.LeakyTestCase.class)));
                schemaDatabases.addAll(FailingTestCase.schemaNames);
                // The same with the password in the URL, where users also put it.
                failures.addAll(Kit.failures(Kit.run(Map.of("dbtest.database", "url",
                        "dbtest.url", server + "?user=postgres&password=" + sentinel), FailingTestCase.class)));
                // Servers that are not there, or refuse: with the password as a parameter and inside the URL.
                failures.addAll(Kit.failures(Kit.run(Map.of("dbtest.database", "url",
                        "dbtest.url", "jdbc:postgresql://127.0.0.1:1/nothing", "dbtest.username", "ann",
                        "dbtest.password", sentinel), FailingTestCase.class)));
                failures.addAll(Kit.failures(Kit.run(Map.of("dbtest.database", "url",
                        "dbtest.url", "jdbc:postgresql://127.0.0.1:1/nothing?password=" + sentinel),
                        FailingTestCase.class)));
                failures.addAll(Kit.failures(Kit.run(Map.of("dbtest.database", "url",
                        "dbtest.url", "jdbc:postgresql://127.0.0.1:5432/dbtest_no_such_database",
                        "dbtest.username", "postgres", "dbtest.password", sentinel), FailingTestCase.class)));
                failures.addAll(Kit.failures(Kit.run(Map.of("dbtest.database", "url",
                        "dbtest.url", "jdbc:nosuchdriver://ann:" + sentinel + "@127.0.0.1/nothing",
                        "dbtest.password", sentinel), FailingTestCase.class)));
            } finally {
                System.setOut(out);
                System.setErr(err);
                out.print(output.toString(StandardCharsets.UTF_8));
                try (Statement statement = admin.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                    for (String schemaDatabase : schemaDatabases) {
                        statement.execute("DROP DATABASE IF EXISTS " + schemaDatabase + " WITH (FORCE)");
                    }
                }
            }
        }

        assertThat(failures).as("the error paths ran").hasSizeGreaterThanOrEqualTo(7);
        assertThat(output.toString(StandardCharsets.UTF_8)).as("everything printed").contains("dbtest")
                .doesNotContain(sentinel);
        for (Throwable failure : failures) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).as("a failure with its causes").doesNotContain(sentinel);
        }
    }

    /** The machine's PostgreSQL on 127.0.0.1:5432 (trust auth); the test is skipped where it is not, unless CI=true. */
    static Connection localPostgres() {
        try {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        } catch (SQLException e) {
            assumeThat(System.getenv("CI")).as("the machine's PostgreSQL on 127.0.0.1:5432 is unreachable (" + e
                    + "); .ci/run starts it in CI").isNotEqualTo("true");
            throw new AssertionError("unreachable: " + e, e);
        }
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    /** Looks at the container the run started, from inside a test, while it runs. */
    @DatabaseTest(scripts = "schema.sql")
    static class ContainerProbeTestCase {

        static final Map<String, Object> seen = new ConcurrentHashMap<>();

        @Test
        void probe(TestDatabase database) throws IOException {
            URI url = URI.create(database.url().substring("jdbc:".length()));
            DockerClient docker = DockerClientFactory.instance().client();
            Container container = Kit.containerOf(database);
            int port = Arrays.stream(container.getPorts()).filter(published -> published.getPublicPort() != null)
                    .findFirst().orElseThrow().getPublicPort();
            seen.put("loopback", connects(InetAddress.getByName("127.0.0.1"), port));
            seen.put("host", url.getHost());
            // The container's addresses on networks whose gateway is this machine's: where Docker's bridge is here.
            seen.put("bridge", container.getNetworkSettings().getNetworks().values().stream()
                    .filter(network -> isThisMachine(network.getGateway()))
                    .map(com.github.dockerjava.api.model.ContainerNetwork::getIpAddress).toList());
            List<String> elsewhere = new ArrayList<>();
            for (InetAddress address : otherAddresses()) {
                elsewhere.add(address.getHostAddress() + "=" + (connects(address, port) ? "answered" : "refused"));
            }
            seen.put("elsewhere", elsewhere);
            seen.put("bindings", Arrays.stream(container.getPorts())
                    .filter(published -> published.getPublicPort() != null).map(ContainerPort::getIp).toList());
            seen.put("password", Arrays.stream(docker.inspectContainerCmd(container.getId()).exec().getConfig().getEnv())
                    .filter(variable -> variable.startsWith("POSTGRES_PASSWORD=")).findFirst().orElse("none"));
        }

        private static boolean connects(InetAddress address, int port) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 2_000);
                return true;
            } catch (SocketException | java.net.SocketTimeoutException e) { // refused, no route, reset
                return false;
            }
        }

        private static boolean isThisMachine(String address) {
            try {
                return address != null && !address.isEmpty()
                        && NetworkInterface.getByInetAddress(InetAddress.getByName(address)) != null;
            } catch (IOException e) {
                return false;
            }
        }

        /** This machine's IPv4 addresses other than loopback: its network, Docker's bridge. */
        private static List<InetAddress> otherAddresses() throws SocketException {
            List<InetAddress> addresses = new ArrayList<>();
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (network.isUp() && !network.isLoopback()) {
                    Collections.list(network.getInetAddresses()).stream()
                            .filter(address -> address instanceof java.net.Inet4Address)
                            .forEach(addresses::add);
                }
            }
            return addresses;
        }
    }

    /** A run that works and fails: an assertion on queries, and a statement error. */
    @DatabaseTest(scripts = "schema.sql")
    @Order(0)
    static class FailingTestCase {

        static final List<String> schemaNames = Collections.synchronizedList(new ArrayList<>());

        @Test
        void failsAQueryAssertion(TestDatabase database, DataSource dataSource, QueryLog queries) throws SQLException {
            schemaNames.add(database.schemaName());
            Rows.insertItem(dataSource, 1, "one");
            DbAssertions.assertThat(queries).hasInsertCount(2);
        }

        @Test
        void failsAStatement(DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource, 1, "one");
            Rows.insertItem(dataSource, 1, "one");
        }
    }
}
