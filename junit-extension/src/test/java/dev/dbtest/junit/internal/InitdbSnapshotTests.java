package dev.dbtest.junit.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InitdbSnapshot}: containers start from an image whose data directory is initialised already, made once per
 * base image. Each test makes base images of its own (the configured image with a label added, so with an id of its
 * own), so that it meets no snapshot made before, and removes them and their snapshots after.
 */
class InitdbSnapshotTests {

    private static final Pattern SNAPSHOT = Pattern.compile("started from its initdb snapshot (dbtest-initdb:[0-9a-f]{16})");
    private static final String READY = "database system is ready to accept connections";

    private DockerClient docker;
    private final List<String> images = new ArrayList<>();

    @BeforeEach
    void docker() {
        String why = DockerAvailability.whyNot();
        if (why != null) {
            if (DockerAvailability.required()) {
                throw new AssertionError("Docker is required (dbtest.require-docker=true) but cannot be used: " + why);
            }
            Assumptions.abort("the snapshots are Docker images, and Docker cannot be used here: " + why);
        }
        docker = DockerClientFactory.instance().client();
    }

    @AfterEach
    void removeTheImages() {
        for (String image : images) {
            for (var snapshot : docker.listImagesCmd().withLabelFilter(Map.of(InitdbSnapshot.BASE_LABEL, image)).exec()) {
                removeImage(snapshot.getId());
            }
            removeImage(image);
        }
    }

    @Test
    void theFirstStartMakesTheSnapshotAndLaterStartsRunItWithoutInitdb() throws Exception {
        String base = baseImage("first", Map.of());
        String firstLog;
        String snapshot;
        try (Started first = start(base, true)) {
            snapshot = snapshotOf(first.server);
            assertThat(first.query("SELECT current_setting('data_directory')")).isEqualTo(InitdbSnapshot.PGDATA);
            assertThat(first.query("SELECT count(*) FROM pg_database WHERE datname LIKE 'dbtest_snapshot_test_%'"))
                    .isEqualTo("2");
            firstLog = first.log();
        }
        InspectImageResponse made = docker.inspectImageCmd(snapshot).exec();
        assertThat(made.getConfig().getLabels())
                .containsEntry(InitdbSnapshot.OF_LABEL, docker.inspectImageCmd(base).exec().getId())
                .containsEntry(InitdbSnapshot.BASE_LABEL, base);
        assertThat(occurrences(firstLog, READY)).as("the snapshot's container: ready once, no initdb").isOne();
        assertThat(firstLog).doesNotContain("initdb");

        try (Started second = start(base, true)) {
            assertThat(snapshotOf(second.server)).isEqualTo(snapshot);
            assertThat(occurrences(second.log(), READY)).isOne();
            assertThat(second.query("SELECT count(*) FROM pg_database WHERE datname LIKE 'dbtest_snapshot_test_%'"))
                    .as("each container starts from the snapshot as it was made, without the first one's databases")
                    .isEqualTo("1");
        }
        assertThat(docker.inspectImageCmd(snapshot).exec().getId()).as("made once").isEqualTo(made.getId());
        assertThat(leftContainers(base)).isEmpty();
    }

    @Test
    void theFirstDatabaseIsTheSnapshotsSpareRenamedAndLaterOnesAreCreated() throws Exception {
        String base = baseImage("spare", Map.of());
        try (Started started = start(base, true)) {
            assertThat(started.databases()).as("the snapshot holds its spare").contains(InitdbSnapshot.SPARE);
            long spareOid = Long.parseLong(started.adminQuery("SELECT oid FROM pg_database WHERE datname = '"
                    + InitdbSnapshot.SPARE + "'"));
            ConnectionSpec first = started.server.database("dbtest_spare_test_first", built -> { });
            ConnectionSpec second = started.server.database("dbtest_spare_test_second", built -> { });
            assertThat(started.databases()).as("renamed, once")
                    .contains("dbtest_spare_test_first", "dbtest_spare_test_second")
                    .doesNotContain(InitdbSnapshot.SPARE);
            assertThat(Long.parseLong(started.adminQuery("SELECT oid FROM pg_database WHERE datname = "
                    + "'dbtest_spare_test_first'"))).as("the first is the spare").isEqualTo(spareOid);
            for (ConnectionSpec database : List.of(first, second)) {
                try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
                        database.password()); Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE t (id int PRIMARY KEY)");
                    statement.execute("INSERT INTO t VALUES (1)");
                    try (ResultSet rows = statement.executeQuery("SELECT current_database(), count(*) FROM t")) {
                        rows.next();
                        assertThat(rows.getString(1)).isEqualTo(database.postgresDatabase());
                        assertThat(rows.getInt(2)).isOne();
                    }
                }
            }
        }
    }

    @Test
    void aSpareThatCannotBeRenamedLeavesTheDatabaseToCreateDatabase() throws Exception {
        String base = baseImage("spare-busy", Map.of());
        try (Started started = start(base, true)) {
            ConnectionSpec spare = started.admin().withPostgresDatabase(InitdbSnapshot.SPARE);
            // Someone connected to the spare: PostgreSQL refuses to rename a database in use.
            try (Connection holding = DriverManager.getConnection(spare.url(), spare.username(), spare.password())) {
                ConnectionSpec made = started.server.database("dbtest_spare_test_made", built -> { });
                assertThat(made.postgresDatabase()).isEqualTo("dbtest_spare_test_made");
                assertThat(started.databases()).contains("dbtest_spare_test_made", InitdbSnapshot.SPARE);
                assertThat(started.adminQuery("SELECT count(*) FROM pg_database d JOIN pg_database s "
                        + "ON s.datname = '" + InitdbSnapshot.SPARE + "' WHERE d.datname = 'dbtest_spare_test_made' "
                        + "AND d.oid <> s.oid")).as("a database of its own").isEqualTo("1");
            }
        }
    }

    @Test
    void offTheImageItselfRunsAndInitialisesItsDataDirectory() throws Exception {
        String base = baseImage("off", Map.of());
        try (Started started = start(base, false)) {
            assertThat(started.server.description()).doesNotContain("initdb snapshot");
            assertThat(started.query("SELECT 1")).isEqualTo("1");
            assertThat(occurrences(started.log(), READY)).as("the entrypoint's temporary server, then the server")
                    .isEqualTo(2);
        }
        assertThat(docker.listImagesCmd().withLabelFilter(Map.of(InitdbSnapshot.BASE_LABEL, base)).exec()).isEmpty();
    }

    @Test
    void aNewImageUnderTheSameNameGetsANewSnapshotAndTheOlderOneIsRemoved() throws Exception {
        String base = baseImage("renewed", Map.of());
        String older;
        try (Started first = start(base, true)) {
            older = docker.inspectImageCmd(snapshotOf(first.server)).exec().getId();
        }
        String olderBase = docker.inspectImageCmd(base).exec().getId();
        retag(base); // a new pull of the tag, as far as dbtest can tell
        images.add(olderBase);
        try (Started second = start(base, true)) {
            String newer = docker.inspectImageCmd(snapshotOf(second.server)).exec().getId();
            assertThat(newer).isNotEqualTo(older);
        }
        assertThat(imageExists(older)).as("the older snapshot").isFalse();
    }

    @Test
    void twoStartsAtOnceMakeOneSnapshot() throws Exception {
        String base = baseImage("race", Map.of());
        CompletableFuture<InitdbSnapshot.Snapshot> one = CompletableFuture.supplyAsync(
                () -> InitdbSnapshot.obtain(docker, base, "dbtest", () -> false));
        CompletableFuture<InitdbSnapshot.Snapshot> two = CompletableFuture.supplyAsync(
                () -> InitdbSnapshot.obtain(docker, base, "dbtest", () -> false));
        assertThat(one.get(120, TimeUnit.SECONDS).imageId()).isEqualTo(two.get(120, TimeUnit.SECONDS).imageId());
        assertThat(docker.listImagesCmd().withLabelFilter(Map.of(InitdbSnapshot.BASE_LABEL, base)).exec()).hasSize(1);
    }

    @Test
    void anImageThatCannotBeInitialisedGivesNoSnapshotAndLeavesNoContainer() {
        String base = baseImage("broken", Map.of("POSTGRES_INITDB_ARGS", "--no-such-initdb-option"));
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            assertThat(InitdbSnapshot.obtain(docker, base, "dbtest", () -> false)).isNull();
        } finally {
            System.setErr(err);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("dbtest: could not make an image of " + base + " with its data directory initialised "
                        + "(java.lang.IllegalStateException: the initialising container stopped before it was ready; "
                        + "its log ends: ")
                .contains("--no-such-initdb-option")
                .contains("each run starts the image itself, which initialises one (about 2 s). Set "
                        + "dbtest.docker.initdb-snapshot=false to stop trying");
        assertThat(docker.listImagesCmd().withLabelFilter(Map.of(InitdbSnapshot.BASE_LABEL, base)).exec()).isEmpty();
        assertThat(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of("dbtest-initdb-")).exec())
                .as("the container that tried").isEmpty();
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    /** A started server, with the container's log read before it stops. */
    private final class Started implements AutoCloseable {
        final PostgresContainerServer server;

        Started(PostgresContainerServer server) {
            this.server = server;
        }

        /** The first column of the first row of {@code sql}, run in a database made for it. */
        String query(String sql) throws SQLException {
            ConnectionSpec database = server.database("dbtest_snapshot_test_" + HexFormat.of().formatHex(
                    new SecureRandom().generateSeed(3)), built -> { });
            try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
                    database.password());
                 Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
                row.next();
                return row.getString(1);
            }
        }

        /** The names of the server's databases. */
        List<String> databases() throws SQLException {
            ConnectionSpec admin = admin();
            List<String> names = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }

        /** The first column of the first row of {@code sql}, run as the superuser in the database it connects to. */
        String adminQuery(String sql) throws SQLException {
            ConnectionSpec admin = admin();
            try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
                 Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
                row.next();
                return row.getString(1);
            }
        }

        ConnectionSpec admin() {
            return server.adminSpec();
        }

        String log() throws InterruptedException {
            StringBuilder text = new StringBuilder();
            docker.logContainerCmd(server.containerId()).withStdOut(true).withStdErr(true)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
            return text.toString();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private Started start(String image, boolean snapshot) {
        return new Started(new PostgresContainerServer(image, 60, false, false, snapshot, () -> false));
    }

    private static String snapshotOf(PostgresContainerServer server) {
        Matcher matcher = SNAPSHOT.matcher(server.description());
        assertThat(matcher.find()).as(server.description()).isTrue();
        return matcher.group(1);
    }

    /** A base image of its own: the configured image with a label (and {@code env}) added, under a new name. */
    private String baseImage(String what, Map<String, String> env) {
        String name = "dbtest-test-base:" + what + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        commit(configuredImage(), name, env);
        images.add(name);
        return name;
    }

    /** Points {@code name} at a new image made from it. */
    private void retag(String name) {
        commit(name, name, Map.of());
    }

    private void commit(String from, String name, Map<String, String> env) {
        List<String> variables = new ArrayList<>();
        env.forEach((key, value) -> variables.add(key + "=" + value));
        String id = docker.createContainerCmd(from).withEnv(variables)
                .withLabels(Map.of("dev.dbtest.test-base", HexFormat.of().formatHex(new SecureRandom().generateSeed(4))))
                .exec().getId();
        try {
            String[] repositoryAndTag = name.split(":", 2);
            docker.commitCmd(id).withRepository(repositoryAndTag[0]).withTag(repositoryAndTag[1]).exec();
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private static String configuredImage() {
        String image = System.getProperty(DbTestConfig.POSTGRES_IMAGE,
                System.getenv(DbTestConfig.environmentName(DbTestConfig.POSTGRES_IMAGE)));
        return image == null || image.isBlank() ? DbTestConfig.DEFAULT_POSTGRES_IMAGE : image;
    }

    private List<?> leftContainers(String base) {
        return docker.listContainersCmd().withShowAll(true).withAncestorFilter(List.of(base)).exec();
    }

    private boolean imageExists(String id) {
        try {
            docker.inspectImageCmd(id).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private void removeImage(String image) {
        try {
            docker.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException gone) {
            // removed already
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
