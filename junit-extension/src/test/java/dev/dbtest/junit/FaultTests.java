package dev.dbtest.junit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import dev.dbtest.core.DbTestException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens when the JVM or the database goes away: each is run in a JVM of its own ({@link ChildJvm}), on
 * PostgreSQL in a container. No container outlives the JVM, even one ended by SIGTERM; a database stopped during the
 * run fails the running test with a message that says so, fails each later test at once, and the JVM still exits.
 */
class FaultTests {

    private static final Pattern CONTAINER = Pattern.compile("using PostgreSQL in container ([0-9a-f]{12})");
    private static final Pattern TEST_LINE = Pattern.compile("^TEST (.+?) (SUCCESSFUL|FAILED|ABORTED) in (\\d+) ms(: (.*))?$");

    @Test
    void aJvmEndedBySigtermLeavesNoContainerRunning() throws Exception {
        TestedDatabase.POSTGRES.parameters(); // skips, or fails in CI, without Docker
        try (ChildJvm child = ChildJvm.run(SleepingTestCase.class, "-Ddbtest.database=postgres")) {
            child.awaitLine(line -> line.startsWith("READY"), Duration.ofSeconds(120));
            String container = containerOf(child.output());
            assertThat(running(container)).as("the child's container runs while its test does").isTrue();

            long start = System.nanoTime();
            child.process().destroy(); // SIGTERM
            assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("FaultTests: SIGTERM to exit " + millis + " ms; container " + container
                    + " running afterwards: " + running(container));

            assertThat(running(container)).as("container %s after SIGTERM; output:%n%s", container,
                    String.join("\n", child.output())).isFalse();
        }
    }

    @Test
    void aDatabaseStoppedDuringTheRunFailsTheRunningTestSaysWhyAndFailsLaterTestsAtOnce() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        try (ChildJvm child = ChildJvm.run(DatabaseGoesAwayTestCase.class, "-Ddbtest.database=postgres")) {
            long start = System.nanoTime();
            assertThat(child.process().waitFor(180, TimeUnit.SECONDS)).as("the child JVM exits by itself; output:%n%s",
                    String.join("\n", child.output())).isTrue();
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<String> tests = child.output().stream().filter(line -> line.startsWith("TEST ")).toList();
            System.out.println("FaultTests: the run with its database stopped ended in " + millis + " ms:\n  "
                    + String.join("\n  ", tests));

            assertThat(tests).as("output:%n%s", String.join("\n", child.output())).hasSize(4);
            Matcher running = matcher(tests.get(0));
            assertThat(running.group(1)).isEqualTo("a_stopsTheDatabase(TestDatabase, DataSource)");
            assertThat(running.group(2)).isEqualTo("FAILED");
            assertThat(running.group(5)).as("the running test's failure says the database is gone")
                    .contains("The database is gone: the connection of DatabaseGoesAwayTestCase.a_stopsTheDatabase() "
                            + "broke");
            for (String later : tests.subList(1, 4)) {
                Matcher test = matcher(later);
                assertThat(test.group(2)).as(later).isEqualTo("FAILED");
                assertThat(Long.parseLong(test.group(3))).as("milliseconds of %s", later).isLessThan(10_000);
                assertThat(test.group(5)).as(later).contains("The database dbtest_").contains(" is gone: dbtest could "
                        + "not connect to it for DatabaseGoesAwayTestCase.");
            }
            assertThat(child.process().exitValue()).isEqualTo(1);
        }
    }

    @Test
    void aUrlServerStoppedDuringTheRunFailsTheSameWay() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        try (PostgreSQLContainer server = new PostgreSQLContainer(DockerImageName.parse(image())
                .asCompatibleSubstituteFor("postgres")).withPassword("fault-" + UUID.randomUUID())) {
            server.start();
            try (ChildJvm child = ChildJvm.run(DatabaseGoesAwayTestCase.class, "-Ddbtest.database=url",
                    "-Ddbtest.url=" + server.getJdbcUrl(), "-Ddbtest.username=" + server.getUsername(),
                    "-Ddbtest.password=" + server.getPassword())) {
                assertThat(child.process().waitFor(180, TimeUnit.SECONDS)).as("the child JVM exits by itself")
                        .isTrue();
                List<String> tests = child.output().stream().filter(line -> line.startsWith("TEST ")).toList();
                System.out.println("FaultTests: the url server stopped during the run:\n  " + String.join("\n  ", tests));
                assertThat(tests).as("output:%n%s", String.join("\n", child.output())).hasSize(4);
                assertThat(matcher(tests.get(0)).group(5)).contains("The database is gone");
                for (String later : tests.subList(1, 4)) {
                    Matcher test = matcher(later);
                    assertThat(Long.parseLong(test.group(3))).as("milliseconds of %s", later).isLessThan(10_000);
                    assertThat(test.group(5)).as(later).contains(" is gone: dbtest could not connect to it for ");
                }
                assertThat(String.join("\n", child.output())).doesNotContain(server.getPassword());
            }
        }
    }

    @Test
    void wrongCredentialsForAUrlEndAtOnceWithTheCauseAndTheFix() {
        TestedDatabase.POSTGRES.parameters();
        try (PostgreSQLContainer server = new PostgreSQLContainer(DockerImageName.parse(image())
                .asCompatibleSubstituteFor("postgres")).withPassword("right-" + UUID.randomUUID())) {
            server.start();
            long start = System.nanoTime();
            var results = Kit.run(Map.of("dbtest.database", "url", "dbtest.url", server.getJdbcUrl(),
                    "dbtest.username", server.getUsername(), "dbtest.password", "wrong-password"),
                    DatabaseGoesAwayTestCase.class);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("FaultTests: wrong credentials failed in " + millis + " ms");
            assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("dbtest could not connect to dbtest.url " + server.getJdbcUrl() + " (user "
                            + server.getUsername() + "): FATAL: password authentication failed")
                    .hasMessageContaining("Fix: check that the server runs and the URL, dbtest.username and "
                            + "dbtest.password are right")
                    .hasMessageNotContaining("wrong-password");
            assertThat(millis).isLessThan(10_000);
        }
    }

    @Test
    void anImageThatCannotBeFoundEndsInBoundedTimeWithTheCauseAndTheFix() {
        TestedDatabase.POSTGRES.parameters();
        long start = System.nanoTime();
        var results = Kit.run(Map.of("dbtest.database", "postgres", "dbtest.docker.pull-timeout", "5",
                "dbtest.postgres.image", "dbtest/no-such-image:404"), DatabaseGoesAwayTestCase.class);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("FaultTests: a missing image failed in " + millis + " ms");
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("dbtest could not start PostgreSQL in a container from the image "
                        + "'dbtest/no-such-image:404': ")
                .hasMessageContaining("Fix: check that the image exists locally or can be pulled "
                        + "(docker pull dbtest/no-such-image:404)")
                .hasMessageContaining(": the image is not on the Docker host, and pulling it failed: ");
        assertThat(millis).isLessThan(30_000);
    }

    @Test
    void anImagePullThatNeverEndsIsCutOffAtThePullTimeout() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket registry = silentServer(accepted, "silent-registry")) {
            String image = "127.0.0.1:" + registry.getLocalPort() + "/postgres:never";
            long start = System.nanoTime();
            var results = Kit.run(Map.of("dbtest.database", "postgres", "dbtest.docker.pull-timeout", "3",
                    "dbtest.postgres.image", image), DatabaseGoesAwayTestCase.class);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("FaultTests: a pull that never ends was cut off after " + millis + " ms");
            assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("dbtest could not start PostgreSQL in a container from the image '" + image
                            + "': the image is not on the Docker host, and pulling it did not finish within 3 s "
                            + "(dbtest.docker.pull-timeout)");
            assertThat(millis).isLessThan(30_000);
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void aDockerDaemonThatNeverAnswersEndsInBoundedTimeWithTheCauseAndTheFix() throws Exception {
        List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket silent = silentServer(accepted, "silent-docker")) {
            String host = "tcp://127.0.0.1:" + silent.getLocalPort();
            try (ChildJvm child = ChildJvm.run(Map.of("DOCKER_HOST", host, "DBTEST_REQUIRE_DOCKER", ""),
                    DatabaseGoesAwayTestCase.class, "-Ddbtest.database=postgres")) {
                long start = System.nanoTime();
                assertThat(child.process().waitFor(180, TimeUnit.SECONDS)).as("the child JVM exits by itself")
                        .isTrue();
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("FaultTests: a Docker daemon that never answers failed the run in " + millis + " ms: "
                        + child.output().stream().filter(line -> line.contains("Docker cannot be used")).findFirst()
                        .orElse("(no reason printed)"));
                assertThat(String.join("\n", child.output()))
                        .contains("dbtest needs Docker for PostgreSQL, and Docker cannot be used: Testcontainers did "
                                + "not get Docker ready within 60 s (when Docker cannot pull images, set "
                                + "TESTCONTAINERS_RYUK_DISABLED=true: dbtest does not need Ryuk)")
                        .contains("Fix: start Docker");
                assertThat(millis).isLessThan(120_000);
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void noDockerOnTheMachineEndsAtOnceSayingTestcontainersFoundNone() throws Exception {
        // Testcontainers also looks for /var/run/docker.sock (and sockets under /run and the home directory): the child
        // runs in a mount namespace of its own where /run is empty, with an empty home and no DOCKER_HOST.
        List<String> launcher = withoutDockerSockets();
        Path home = Files.createTempDirectory("dbtest-no-docker-home");
        try (ChildJvm child = ChildJvm.run(launcher, withoutDockerEnvironment(Map.of()), DatabaseGoesAwayTestCase.class,
                "-Ddbtest.database=postgres", "-Duser.home=" + home)) {
            long millis = awaitExit(child);
            System.out.println("FaultTests: no Docker on the machine failed the run in " + millis + " ms");
            assertThat(String.join("\n", child.output()))
                    .contains("dbtest needs Docker for PostgreSQL, and Docker cannot be used: Testcontainers found no "
                            + "working Docker environment (no DOCKER_HOST, and no Docker socket answered; its log above "
                            + "lists what it tried).")
                    .contains("Fix: start Docker");
            assertThat(millis).isLessThan(60_000);
        }
        try (ChildJvm child = ChildJvm.run(launcher,
                withoutDockerEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1")), DatabaseGoesAwayTestCase.class,
                "-Ddbtest.database=postgres", "-Duser.home=" + home)) {
            long millis = awaitExit(child);
            assertThat(String.join("\n", child.output()))
                    .contains("dbtest needs Docker for PostgreSQL, and Docker cannot be used: Testcontainers found no "
                            + "working Docker environment (DOCKER_HOST=tcp://127.0.0.1:1 did not work, and no Docker "
                            + "socket answered; its log above lists what it tried).");
            assertThat(millis).isLessThan(60_000);
        }
    }

    @Test
    void aDockerThatAnswersWithAnErrorIsNamedWithTheError() throws Exception {
        Path home = Files.createTempDirectory("dbtest-failing-docker-home");
        String image = System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE", "postgres:16-alpine");
        // A daemon that answers every request, its ping too, with a 500: Testcontainers does not take it.
        try (ServerSocket daemon = failingDockerDaemon(false)) {
            String host = "tcp://127.0.0.1:" + daemon.getLocalPort();
            try (ChildJvm child = ChildJvm.run(withoutDockerSockets(), withoutDockerEnvironment(Map.of("DOCKER_HOST",
                    host)), DatabaseGoesAwayTestCase.class, "-Ddbtest.database=postgres", "-Ddbtest.docker.host=" + host,
                    "-Duser.home=" + home)) {
                long millis = awaitExit(child);
                assertThat(String.join("\n", child.output()))
                        .contains("dbtest needs Docker for PostgreSQL, and Docker cannot be used: Testcontainers found "
                                + "no working Docker environment (DOCKER_HOST=" + host + " did not work, and no Docker "
                                + "socket answered; its log above lists what it tried).")
                        .contains("Status 500: {\"message\":\"dbtest's failing daemon: the storage driver failed\"}");
                assertThat(millis).isLessThan(60_000);
            }
        }
        // A daemon that answers the ping, /info and /version, and fails what running a container takes.
        try (ServerSocket daemon = failingDockerDaemon(true)) {
            String host = "tcp://127.0.0.1:" + daemon.getLocalPort();
            try (ChildJvm child = ChildJvm.run(withoutDockerSockets(), withoutDockerEnvironment(Map.of("DOCKER_HOST",
                    host)), DatabaseGoesAwayTestCase.class, "-Ddbtest.database=postgres", "-Ddbtest.docker.host=" + host,
                    "-Duser.home=" + home, "-Ddbtest.postgres.image=" + image)) {
                long millis = awaitExit(child);
                System.out.println("FaultTests: a Docker answering 500 failed the run in " + millis + " ms");
                assertThat(String.join("\n", child.output()))
                        .contains("dbtest could not start PostgreSQL in a container from the image '" + image
                                + "': the Docker daemon at " + host + " answered with an error: Status 500: "
                                + "{\"message\":\"dbtest's failing daemon: the storage driver failed\"}")
                        .contains("Fix: see what is wrong with the daemon (docker info, its log");
                assertThat(millis).isLessThan(60_000);
            }
        }
    }

    /** The environment of a child that finds Docker only where {@code variables} say (empty values remove). */
    private static Map<String, String> withoutDockerEnvironment(Map<String, String> variables) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("DOCKER_HOST", "", "DBTEST_DOCKER_HOST", "",
                "DBTEST_REQUIRE_DOCKER", "", "XDG_RUNTIME_DIR", "", "TESTCONTAINERS_HOST_OVERRIDE", "",
                "DOCKER_CONTEXT", ""));
        environment.putAll(variables);
        return environment;
    }

    /**
     * A launcher for a child that sees no Docker socket: none when the machine has none, else an own mount namespace
     * with an empty {@code /run}. Where that cannot be made the test is skipped, and fails in CI.
     */
    private static List<String> withoutDockerSockets() throws Exception {
        if (!Files.exists(Path.of("/var/run/docker.sock")) && !Files.exists(Path.of("/run/docker.sock"))) {
            return List.of();
        }
        List<String> launcher = List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                "mount -t tmpfs dbtest-no-docker /run && exec \"$@\"", "sh");
        List<String> check = new java.util.ArrayList<>(launcher);
        check.addAll(List.of("test", "!", "-e", "/var/run/docker.sock"));
        int exit;
        try {
            Process process = new ProcessBuilder(check).redirectErrorStream(true).start();
            exit = process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            exit = -1;
        }
        if (exit != 0) {
            org.assertj.core.api.Assumptions.assumeThat(System.getenv("CI")).as("a mount namespace without the Docker "
                    + "socket cannot be made here (unshare --mount as root)").isNotEqualTo("true");
            throw new AssertionError("a mount namespace without the Docker socket cannot be made here");
        }
        return launcher;
    }

    private static long awaitExit(ChildJvm child) throws InterruptedException {
        long start = System.nanoTime();
        assertThat(child.process().waitFor(120, TimeUnit.SECONDS)).as("the child JVM exits by itself; output:%n%s",
                String.join("\n", child.output())).isTrue();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static final String INFO = "{\"ID\":\"dbtest-failing\",\"OSType\":\"linux\",\"OperatingSystem\":\"dbtest\","
            + "\"ServerVersion\":\"28.2.2\",\"MemTotal\":1073741824,\"NCPU\":2,\"Name\":\"failing\"}";
    private static final String VERSION = "{\"Version\":\"28.2.2\",\"ApiVersion\":\"1.44\",\"Os\":\"linux\","
            + "\"Arch\":\"amd64\"}";

    /**
     * A Docker daemon on loopback that fails requests with a 500, as a daemon whose storage broke: every request, or
     * ({@code answersPing}) all but the ping, {@code /info} and {@code /version} that Testcontainers chooses a Docker
     * environment by.
     */
    private static ServerSocket failingDockerDaemon(boolean answersPing) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    Thread handler = new Thread(() -> answer(socket, answersPing), "failing-docker-connection");
                    handler.setDaemon(true);
                    handler.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "failing-docker");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private static void answer(Socket socket, boolean answersPing) {
        try (socket; var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                java.nio.charset.StandardCharsets.ISO_8859_1)); var out = socket.getOutputStream()) {
            while (true) {
                String requestLine = in.readLine();
                if (requestLine == null) {
                    return;
                }
                long length = 0;
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(header.substring("content-length:".length()).trim());
                    }
                }
                in.skip(length);
                String path = requestLine.split(" ")[1];
                boolean ping = path.contains("/_ping");
                boolean answered = answersPing && (ping || path.endsWith("/info") || path.endsWith("/version"));
                String body = !answered ? "{\"message\":\"dbtest's failing daemon: the storage driver failed\"}"
                        : ping ? "OK" : path.endsWith("/info") ? INFO : path.endsWith("/version") ? VERSION
                        : "{\"message\":\"dbtest's failing daemon: the storage driver failed\"}";
                ping = answered;
                String response = (ping ? "HTTP/1.1 200 OK" : "HTTP/1.1 500 Internal Server Error") + "\r\n"
                        + "Api-Version: 1.44\r\n"
                        + "Content-Type: " + (body.equals("OK") ? "text/plain" : "application/json") + "\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
                out.write(response.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException | RuntimeException ended) {
            // the client went away
        }
    }

    /** A server on loopback that accepts every connection and never sends a byte back. */
    private static ServerSocket silentServer(List<Socket> accepted, String name) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, name);
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private static String image() {
        String image = System.getenv("DBTEST_POSTGRES_IMAGE");
        return image == null ? System.getProperty("dbtest.postgres.image", "postgres:16-alpine") : image;
    }

    private static Matcher matcher(String line) {
        Matcher matcher = TEST_LINE.matcher(line);
        assertThat(matcher.matches()).as(line).isTrue();
        return matcher;
    }

    private static String containerOf(List<String> output) {
        for (String line : output) {
            Matcher matcher = CONTAINER.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("the child named no container; its output:\n" + String.join("\n", output));
    }

    private static boolean running(String container) {
        return DockerClientFactory.instance().client().listContainersCmd().exec().stream()
                .anyMatch(candidate -> candidate.getId().startsWith(container));
    }

    // --- the test cases, run in the child JVM ----------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    static class SleepingTestCase {

        @Test
        void sleeps(DataSource dataSource) throws Exception {
            Rows.insertItem(dataSource, 1, "written before the end");
            System.out.println("READY");
            Thread.sleep(300_000);
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    @Order(1)
    static class DatabaseGoesAwayTestCase {

        @Test
        void a_stopsTheDatabase(TestDatabase database, DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource, 1, "before the database went away");
            String container = Kit.containerOf(database).getId();
            DockerClientFactory.instance().client().stopContainerCmd(container).withTimeout(5).exec();
            Rows.insertItem(dataSource, 2, "after"); // fails: the server is gone
        }

        @Test
        void b_later(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                Rows.itemNames(connection);
            }
        }

        @Test
        void c_later(DataSource dataSource) throws SQLException {
            Rows.itemNames(dataSource);
        }

        @Test
        void d_later(DataSource dataSource) throws SQLException {
            Rows.itemNames(dataSource);
        }
    }
}
