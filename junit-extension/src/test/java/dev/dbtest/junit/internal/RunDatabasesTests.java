package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Runs that share one PostgreSQL server (forks, CI jobs, a kept container): the machine's PostgreSQL on
 * 127.0.0.1:5432, each test with a schema name of its own.
 */
class RunDatabasesTests {

    private static final ConnectionSpec SERVER = new ConnectionSpec("jdbc:postgresql://127.0.0.1:5432/postgres",
            "postgres", "");

    private final String template = "dbtest_" + HexFormat.of().formatHex(randomBytes(8));
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void needsTheMachinesPostgres() {
        try (Connection ignored = connect("postgres")) {
            // reachable
        } catch (SQLException e) {
            assumeThat(System.getenv("CI")).as("the machine's PostgreSQL on 127.0.0.1:5432 is unreachable (" + e
                    + "); .ci/run starts it in CI").isNotEqualTo("true");
            throw new AssertionError("the machine's PostgreSQL on 127.0.0.1:5432 is unreachable in CI: " + e, e);
        }
    }

    @AfterEach
    void dropEverything() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            for (String name : databases(template + "%")) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void runsRacingForANewSchemaBuildItsTemplateOnceAndEachWorksInAClone() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        DatabaseServer.SchemaBuilder slowBuild = database -> {
            builds.incrementAndGet();
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE item (id int PRIMARY KEY)");
                statement.execute("SELECT pg_sleep(0.5)"); // wide open for a second run to race in
            }
        };
        int runs = 3;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ConnectionSpec>> clones = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                RunDatabases run = open();
                clones.add(pool.submit(() -> {
                    start.await();
                    return run.database(template, slowBuild, "the machine's PostgreSQL");
                }));
            }
            start.countDown();
            List<String> names = new ArrayList<>();
            for (Future<ConnectionSpec> clone : clones) {
                ConnectionSpec spec = clone.get(60, TimeUnit.SECONDS);
                names.add(spec.postgresDatabase());
                try (Connection connection = connect(spec); Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO item VALUES (1)"); // the same key in every clone: no conflict
                }
            }
            assertThat(builds).hasValue(1);
            assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches(template + "_run_[0-9a-f]{8}"));
            assertThat(databases(template + "%")).containsExactlyInAnyOrderElementsOf(concat(template, names));
            try (Connection connection = connect(template); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM item")) {
                rows.next();
                assertThat(rows.getInt(1)).as("rows in the template").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRunDropsItsClonesWhenItEndsAndALaterRunReusesTheTemplate() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        DatabaseServer.SchemaBuilder build = database -> builds.incrementAndGet();
        RunDatabases first = new RunDatabases(SERVER);
        String clone = first.database(template, build, "server").postgresDatabase();
        assertThat(databases(template + "%")).containsExactlyInAnyOrder(template, clone);
        first.close();
        assertThat(databases(template + "%")).containsExactly(template);

        RunDatabases second = open();
        second.database(template, build, "server");
        assertThat(builds).as("builds of the template").hasValue(1);
    }

    @Test
    void databasesOfRunsThatDiedAreDroppedAndThoseOfLiveRunsAreKept() throws Exception {
        String dead = template + "_run_0000abcd";
        String halfBuilt = template.substring(0, template.length() - 1) + "0_building_0000abce";
        String live = template + "_run_0000abcf";
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement();
             Connection liveRun = connect("postgres"); Statement liveLock = liveRun.createStatement()) {
            statement.execute("CREATE DATABASE " + dead);
            statement.execute("CREATE DATABASE " + halfBuilt);
            statement.execute("CREATE DATABASE " + live);
            liveLock.execute("SELECT pg_advisory_lock(" + RunDatabases.LOCK_CLASS + ", " + 0xabcf + ")");
            try {
                open();
                assertThat(databases(template.substring(0, template.length() - 1) + "%"))
                        .contains(live).doesNotContain(dead, halfBuilt);
            } finally {
                statement.execute("DROP DATABASE IF EXISTS " + halfBuilt);
            }
        }
    }

    @Test
    void aSessionOnTheTemplateIsNamedWhenTheCloneIsRefused() throws Exception {
        RunDatabases first = open();
        first.database(template, database -> { }, "server");
        try (Connection onTemplate = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + template
                + "?ApplicationName=psql", "postgres", "")) {
            RunDatabases second = open();
            assertThatThrownBy(() -> second.database(template, database -> { }, "server"))
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("dbtest could not clone the template database " + template
                            + " for this run: 1 session(s) (psql (user postgres)) are connected to it, and PostgreSQL "
                            + "copies a database only while nobody is.\n")
                    .hasMessageEndingWith("  Fix: disconnect from " + template + " (tests work in " + template
                            + "_run_...).");
        }
    }

    private RunDatabases open() throws SQLException {
        RunDatabases run = new RunDatabases(SERVER);
        opened.add(run);
        return run;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest);
        all.add(first);
        return all;
    }

    private static List<String> databases(String like) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection admin = connect("postgres");
             var query = admin.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
            query.setString(1, like);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
    }

    private static Connection connect(ConnectionSpec spec) throws SQLException {
        return DriverManager.getConnection(spec.url(), spec.username(), spec.password());
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
