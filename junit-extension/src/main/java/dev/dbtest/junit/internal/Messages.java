package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.internal.SqlText;

import java.sql.SQLException;

/** The messages of dbtest's user-facing failures, in one place so that tests can check them. */
public final class Messages {

    private Messages() {
    }

    public static DbTestException routedAfterClass(String className) {
        return new DbTestException("The DataSource injected into a @BeforeAll method or constructor of " + className
                + " was used after the class finished. It hands out connections only while the class runs; "
                + "keep it in a field of that class, not in a static shared with other classes.");
    }

    public static DbTestException routedFromForeignThread(String className, String thread, int runningTests) {
        return new DbTestException("A connection was asked of the DataSource injected into a @BeforeAll method "
                + "or constructor of " + className + " on thread '" + thread + "', while " + runningTests
                + " of its tests run concurrently; that thread belongs to none of them, so dbtest cannot tell whose "
                + "transaction the connection belongs to.\n"
                + "  Fix: inject the DataSource into the test method (its connections belong to that test on "
                + "every thread), or run the class on one thread with @Execution(ExecutionMode.SAME_THREAD).");
    }

    public static DbTestException classWritesInConcurrentClass(String className) {
        return new DbTestException("A connection was asked of the DataSource injected into a @BeforeAll method or "
                + "constructor of " + className + " outside of any test, in a class whose tests run concurrently. "
                + "Rows written there would have to be shared by tests running on different connections, which "
                + "cannot see each other's uncommitted rows.\n"
                + "  Fix: create the rows in @BeforeEach, or run the class on one thread with "
                + "@Execution(ExecutionMode.SAME_THREAD).");
    }

    public static DbTestException otherSchemaUnderClassRows(String nested, String enclosing, String database,
            String enclosingDatabase) {
        return new DbTestException("The @Nested class " + nested + " has a @DatabaseTest of its own with another schema "
                + "than its enclosing class " + enclosing + ", whose @BeforeAll wrote rows for its tests and @Nested "
                + "classes: these tests would run on the database " + database + ", where those rows (written on "
                + enclosingDatabase + ") are not, and the DataSource injected into that @BeforeAll would hand them "
                + "connections on " + database + ".\n"
                + "  Fix: give " + nested + " the schema of " + enclosing + " (remove its @DatabaseTest, or give it the "
                + "same attributes); or make it a top-level class; or write the rows it needs in a @BeforeEach.");
    }

    public static DbTestException nonTransactionalAfterClassRows(String owner, String className) {
        return new DbTestException(owner + " is non-transactional (@NonTransactional, or @DatabaseTest(transactional = "
                + "false)), but the @BeforeAll (or constructor) of " + className + " used the DataSource injected there: "
                + "what it wrote and read lives in a class transaction, open on a connection of its own until after the "
                + "class.\n"
                + "  why: the test's real connections cannot see those rows, and emptying the tables the test wrote would "
                + "wait for that transaction's locks, or remove rows the next tests of the class expect.\n"
                + "  fix: create the rows the test needs in a @BeforeEach (they are committed, and emptied after the "
                + "test), or move the test to a class without such a @BeforeAll.");
    }

    public static DbTestException nonTransactionalInConcurrentClass(String owner, String className) {
        return new DbTestException(owner + " is non-transactional (@NonTransactional, or @DatabaseTest(transactional = "
                + "false)), and the tests of " + className + " run concurrently.\n"
                + "  why: it commits for real and dbtest empties the tables it wrote after it, so tests running beside "
                + "it would see its rows, and lose their own committed rows when it ends.\n"
                + "  fix: run it alone: @Isolated on the class (org.junit.jupiter.api.parallel), or "
                + "@Execution(ExecutionMode.SAME_THREAD) on the class.");
    }

    public static DbTestException nonTransactionalOnLifecycleMethod(String method, String className) {
        return new DbTestException("@NonTransactional on " + method + "() of " + className + " has no effect: it is "
                + "not a test.\n"
                + "  why: @BeforeEach and @AfterEach run in the transaction of the test they belong to (or on its real "
                + "connections), which the test method decides; @BeforeAll and @AfterAll belong to no test.\n"
                + "  fix: put @NonTransactional on the test methods, or @DatabaseTest(transactional = false) on the "
                + "class.");
    }

    public static DbTestException twoDatabaseTests(String testClass, String first, String second) {
        return new DbTestException(testClass + " carries @DatabaseTest twice, with attributes that differ: " + first
                + " and " + second + ". One class has one schema, and dbtest cannot tell which of them was meant.\n"
                + "  Fix: keep one; to add to a composed annotation's schema, write a composed annotation with "
                + "all of it, or put the extra classes and scripts into one @DatabaseTest.");
    }

    public static DbTestException dockerRequired(String why) {
        return new DbTestException("dbtest needs Docker for PostgreSQL, and Docker cannot be used: " + why + ".\n"
                + "  Docker is required because dbtest.require-docker=true (or DBTEST_REQUIRE_DOCKER=true) or "
                + "dbtest.database=postgres.\n"
                + "  Fix: start Docker (or point DOCKER_HOST at it); or, to test on something else, set "
                + "dbtest.database=h2 for embedded H2 or dbtest.url=jdbc:postgresql://host:port/db for an existing "
                + "PostgreSQL.");
    }

    public static String fallbackNotice(String why) {
        return "dbtest: Docker was not used (" + why + "); running the tests on embedded H2 in PostgreSQL mode. "
                + "Set dbtest.require-docker=true to fail instead, or dbtest.database=h2 to choose H2 and silence this line.";
    }

    public static DbTestException databaseGone(String database, ConnectionSpec spec, String owner, String why) {
        return new DbTestException("The database " + database + " is gone: dbtest could not connect to it for " + owner
                + " (" + why + "). The server at " + spec.maskedUrl() + " stopped or became unreachable during the "
                + "run; the tests that need it fail at once until it answers again.\n"
                + "  Fix: find out why the server went away (a container stopped or killed, a server restarted, the "
                + "network) and run the tests again.");
    }

    public static DbTestException containerFailed(String image, Throwable cause) {
        if (cause instanceof PostgresContainerServer.NotAnswering notAnswering) {
            // The image is there and ran: its message says what was seen and what to check.
            return new DbTestException("dbtest could not start PostgreSQL in a container from the image '" + image
                    + "': " + notAnswering.getMessage(), cause);
        }
        String daemonError = daemonError(cause);
        if (daemonError != null) {
            return new DbTestException("dbtest could not start PostgreSQL in a container from the image '" + image
                    + "': the Docker daemon" + dockerHost() + " answered with an error: " + daemonError + "\n"
                    + "  Docker answers, but fails what dbtest asks of it (to look up, pull or run the image).\n"
                    + "  Fix: see what is wrong with the daemon (docker info, its log: a full disk, a broken storage "
                    + "driver) and restart it; or set dbtest.database=h2 for embedded H2, or dbtest.url for an "
                    + "existing PostgreSQL.", cause);
        }
        return new DbTestException("dbtest could not start PostgreSQL in a container from the image '" + image + "': "
                + cause.getMessage() + "\n"
                + "  Fix: check that the image exists locally or can be pulled (docker pull " + image + "), or choose "
                + "another with dbtest.postgres.image=<image> (any image compatible with the official 'postgres').",
                cause);
    }

    /** What a Docker daemon answered with a server error (HTTP 5xx) somewhere in {@code failure}, or {@code null}. */
    private static String daemonError(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause() == current ? null
                : current.getCause()) {
            if (current instanceof com.github.dockerjava.api.exception.DockerException docker
                    && docker.getHttpStatus() >= 500) {
                return docker.getMessage();
            }
        }
        return null;
    }

    /** " at <host>": the Docker host Testcontainers talks to, or "" when it cannot be told. */
    private static String dockerHost() {
        try {
            return " at " + ConnectionSpec.mask(org.testcontainers.DockerClientFactory.instance().getTransportConfig()
                    .getDockerHost().toString());
        } catch (RuntimeException e) {
            return "";
        }
    }

    public static DbTestException unreachableUrl(ConnectionSpec spec, SQLException cause) {
        // The driver's message may quote the URL as given, password included.
        return new DbTestException("dbtest could not connect to dbtest.url " + spec + ": "
                + Secrets.scrub(cause.getMessage(), spec) + "\n"
                + "  Fix: check that the server runs and the URL, dbtest.username and dbtest.password are right, or "
                + "unset dbtest.url to let dbtest start PostgreSQL in Docker (or use H2).", Secrets.scrub(cause, spec));
    }

    public static DbTestException unsupportedDatabase(ConnectionSpec spec, String product, String version) {
        return new DbTestException("dbtest does not support the database '" + product + "' (version " + version
                + ") that dbtest.url " + spec + " names: it runs tests on PostgreSQL and H2 only, whose SQL, DDL and "
                + "transactions it knows.\n"
                + "  Fix: point dbtest.url at a PostgreSQL database; or unset dbtest.url to let dbtest start "
                + "PostgreSQL in Docker, or set dbtest.database=h2 for embedded H2.");
    }

    public static DbTestException schemaFailed(String script, int line, String statement, String testClass,
            String database, SQLException cause) {
        return new DbTestException("The schema script " + script + " of " + testClass + " failed at line " + line
                + " on " + database + ": " + cause.getMessage() + "\n"
                + "  statement: " + SqlText.abbreviate(statement) + "\n"
                + "  Fix the script; it runs once per run, in one transaction, before the first test that uses it.",
                cause);
    }

    public static DbTestException scriptNotFound(String location, String testClass) {
        return new DbTestException("The script '" + location + "' named in @DatabaseTest(scripts = ...) on " + testClass
                + " was not found.\n"
                + "  Fix: put it on the test classpath (src/test/resources/" + stripPrefix(location) + ") and name it "
                + "'classpath:" + stripPrefix(location) + "', or give a file path as 'file:path/to/script.sql'.");
    }

    private static String stripPrefix(String location) {
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
