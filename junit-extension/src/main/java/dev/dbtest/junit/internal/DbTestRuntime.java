package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.internal.SqlText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run shares, kept in JUnit's root store: the configuration, the database server (started on first use,
 * stopped by {@link #close()} when the run ends) and one {@link SchemaDatabase} per schema key.
 */
public final class DbTestRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DbTestRuntime.class);

    private final DbTestConfig config;
    private DatabaseServer server;
    /** How the server came, when an {@link EarlyStart} started it, for the log line. */
    private String adoption = "";
    private RuntimeException serverFailure;
    private final Map<String, SchemaDatabase> databases = new HashMap<>();
    private final Map<String, RuntimeException> databaseFailures = new HashMap<>();
    /** How each database got its schema: a copy of a failed test's data gets it the same way. */
    private final Map<SchemaDatabase, DatabaseServer.SchemaBuilder> builders = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean keepIgnoredLogged = new java.util.concurrent.atomic.AtomicBoolean();
    private boolean closed;

    private final dev.dbtest.core.internal.LeakSites leakSites;

    public DbTestRuntime(DbTestConfig config) {
        this.config = config;
        this.leakSites = new dev.dbtest.core.internal.LeakSites(config.leakSitesAlways());
    }

    /** Whether the connections of the run record where they were taken: from its first leak on, or always. */
    public dev.dbtest.core.internal.LeakSites leakSites() {
        return leakSites;
    }

    private QueryBudgets budgets;
    private QueryReport report;

    /** The query budgets of the run. */
    public synchronized QueryBudgets budgets() {
        if (budgets == null) {
            budgets = new QueryBudgets(config.budgetMode(), config.budgetDirectory());
        }
        return budgets;
    }

    /** Records a test's statements for the report written when the run ends. */
    public void report(String testClass, String test, java.util.List<dev.dbtest.core.CapturedStatement> statements) {
        QueryReport current;
        synchronized (this) {
            if (report == null) {
                report = new QueryReport(config.reportDirectory());
            }
            current = report;
        }
        current.add(testClass, test, statements);
    }

    public DbTestConfig config() {
        return config;
    }

    /** Returns the server, starting it on first use; a start that failed fails the same way for every later class. */
    synchronized DatabaseServer server() {
        if (closed) {
            throw new IllegalStateException("dbtest's run has ended");
        }
        if (serverFailure != null) {
            throw serverFailure;
        }
        if (server == null) {
            long start = System.nanoTime();
            try {
                server = startServer();
            } catch (RuntimeException e) {
                serverFailure = e;
                throw e;
            }
            LOG.info("dbtest: using {} (ready in {} ms{})", server.description(),
                    (System.nanoTime() - start) / 1_000_000, adoption);
        }
        return server;
    }

    private DatabaseServer startServer() {
        switch (config.database()) {
            case URL:
                return new UrlServer(new ConnectionSpec(config.url(), config.username(), config.password()));
            case H2:
                return new H2Server();
            case POSTGRES: {
                EarlyStart early = EarlyStart.claim(config);
                String why = early != null ? early.whyNotAvailable() : DockerProbe.whyNotAvailable(config.dockerHost());
                if (why != null) {
                    throw Messages.dockerRequired(why);
                }
                return startContainer(early);
            }
            case AUTO:
            default: {
                if (config.url() != null) {
                    return new UrlServer(new ConnectionSpec(config.url(), config.username(), config.password()));
                }
                EarlyStart early = EarlyStart.claim(config);
                String why = early != null ? early.whyNotAvailable() : DockerProbe.whyNotAvailable(config.dockerHost());
                if (why == null) {
                    return startContainer(early);
                }
                if (config.requireDocker()) {
                    throw Messages.dockerRequired(why);
                }
                notice(Messages.fallbackNotice(why));
                return new H2Server();
            }
        }
    }

    /**
     * Starts the container, or adopts the one {@code early} started during discovery (waiting for it when it is not
     * ready yet); a failure of either is reported the same way.
     */
    private DatabaseServer startContainer(EarlyStart early) {
        if (config.reuseIgnoredOnCi()) {
            LOG.info("dbtest: dbtest.reuse=true is ignored because CI=true: on CI the container is stopped after the "
                    + "run, so that no job leaves one behind");
        }
        try {
            if (early != null) {
                long begun = early.millisSinceBegun();
                PostgresContainerServer adopted = early.server();
                adoption = "; started during test discovery, " + begun + " ms before it was needed";
                return adopted;
            }
            return new PostgresContainerServer(config.postgresImage(), config.pullTimeoutSeconds(), config.reuse(),
                    config.keepContainerOnFailure(), config.initdbSnapshot(), () -> false);
        } catch (RuntimeException e) {
            throw Messages.containerFailed(config.postgresImage(), e);
        }
    }

    /** A line the user must see even when no SLF4J provider is on the test classpath. */
    private static void notice(String line) {
        if (LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory) {
            System.err.println(line);
        } else {
            LOG.warn(line);
        }
    }

    /** Returns the database for {@code source}, creating it and running its scripts on first use. */
    public synchronized SchemaDatabase database(SchemaSource source, String testClass) {
        DatabaseServer server = server();
        String key = source.key(server.dialect());
        RuntimeException failure = databaseFailures.get(key);
        if (failure != null) {
            throw failure;
        }
        SchemaDatabase database = databases.get(key);
        if (database == null) {
            try {
                database = create("dbtest_" + key, server, source, testClass);
            } catch (RuntimeException e) {
                databaseFailures.put(key, e);
                throw e;
            }
            databases.put(key, database);
        }
        return database;
    }

    private SchemaDatabase create(String name, DatabaseServer server, SchemaSource source, String testClass) {
        ConnectionSpec spec;
        DatabaseServer.SchemaBuilder builder = database -> runScripts(database, server, source, testClass);
        try {
            spec = server.database(name, builder);
        } catch (SQLException e) {
            ConnectionSpec configured = new ConnectionSpec(config.url() == null ? "" : config.url(), config.username(),
                    config.password());
            throw new DbTestException("dbtest could not create the database " + name + " on " + server.description()
                    + ": " + Secrets.scrub(e.getMessage(), configured) + "\n"
                    + "  dbtest gives each schema a database of its own, made once per run (kept between runs on a "
                    + "dbtest.url server).\n"
                    + "  Fix: make the server accept CREATE DATABASE from its user (the cause above says why it "
                    + "refused), or point dbtest.url at another server.", Secrets.scrub(e, configured));
        }
        // On a server that runs share, the run works in a clone of the schema's database: the name says which.
        String actual = server.dialect() == dev.dbtest.core.Dialect.POSTGRESQL ? spec.postgresDatabase() : name;
        SchemaDatabase database = new SchemaDatabase(actual, spec, server.dialect(), config.poolSize());
        database.readCounters(); // now: a test that rolls back moves them all the same
        builders.put(database, builder);
        return database;
    }

    /**
     * {@code dbtest.keep-on-failure}: copies the rows the failed {@code test} sees into a database of their own, with
     * the schema of {@code database}, that outlives the run, and returns the message that says where it is and how to
     * connect to it; {@code null} when no copy would last (a container stopped at the end of a CI run), after saying so
     * once in the log.
     *
     * @throws DbTestException when the copy failed, saying why
     */
    public String keepFailure(SchemaDatabase database, TestState test, String classSimpleName, String method,
            String uniqueId) {
        DatabaseServer server;
        DatabaseServer.SchemaBuilder builder;
        synchronized (this) {
            server = server();
            builder = builders.get(database);
        }
        String why = server.whyCopiesDoNotLast();
        if (why != null) {
            if (keepIgnoredLogged.compareAndSet(false, true)) {
                notice("dbtest: dbtest.keep-on-failure=true is ignored (" + why + "): no failed test's data is kept in "
                        + "this run");
            }
            return null;
        }
        String name = FailureCopy.name(classSimpleName, method, uniqueId);
        String owner = test.owner();
        String drop = server.dialect() == dev.dbtest.core.Dialect.POSTGRESQL ? "DROP DATABASE " + name + ";"
                : "delete " + FailureCopy.h2File(name);
        ConnectionSpec copy = null;
        try {
            copy = server.failureCopy(database.spec(), name, builder);
            FailureCopy.Copied copied = test.copyRowsInto(copy, database);
            server.keepForInspection();
            StringBuilder message = new StringBuilder("dbtest kept the data of the failed test ").append(owner)
                    .append(" (dbtest.keep-on-failure=true)\n  in: ").append(name).append(" on ")
                    .append(server.description()).append("\n  rows: ");
            List<String> tables = new ArrayList<>();
            copied.counts().forEach((table, rows) -> {
                if (rows > 0) {
                    tables.add(table + " " + rows);
                }
            });
            message.append(tables.isEmpty() ? "none (every table was empty)" : String.join(", ", tables));
            if (copied.note() != null) {
                message.append("\n  note: ").append(copied.note());
            }
            message.append("\n  connect: ").append(server.howToConnect(copy).replace("\n", "\n  "))
                    .append("\n  drop it: ").append(drop);
            return message.toString();
        } catch (SQLException | RuntimeException e) {
            ConnectionSpec scrubbed = copy != null ? copy : database.spec();
            server.dropFailureCopy(name); // half a copy would pass for the test's data
            throw new DbTestException("dbtest could not keep the data of the failed test " + owner + " in " + name
                    + ": " + Secrets.scrub(String.valueOf(e.getMessage()), scrubbed) + "\n"
                    + "  why: dbtest.keep-on-failure=true copies a failed test's rows into a database of their own; "
                    + "the test's own failure stands as it was.\n"
                    + "  fix: find out why the server refused (its answer above: CREATE DATABASE not allowed for the "
                    + "user, a disk full, a table the copy could not read), or set dbtest.keep-on-failure=false.",
                    Secrets.scrub(e, scrubbed));
        }
    }

    /**
     * Builds the schema: the entities' DDL, then the Flyway migrations, then the scripts; the DDL and the scripts each
     * in one transaction, which PostgreSQL undoes as a whole when a statement fails.
     */
    private static void runScripts(ConnectionSpec database, DatabaseServer server, SchemaSource source,
            String testClass) throws SQLException {
        runInOneTransaction(database, server, source.entityDdl(server.dialect()), testClass);
        if (!source.migrations().isEmpty()) {
            try {
                source.migrations().migrate(database);
            } catch (RuntimeException e) {
                throw new DbTestException("The Flyway migrations of " + testClass + " failed on "
                        + server.description() + ": " + e.getMessage() + "\n"
                        + "  Fix the migration it names; migrations run once per run, before the first test that uses "
                        + "them.", e);
            }
        }
        runInOneTransaction(database, server, source.scripts(), testClass);
    }

    private static void runInOneTransaction(ConnectionSpec database, DatabaseServer server,
            List<SchemaSource.Script> scripts, String testClass) throws SQLException {
        if (scripts.isEmpty()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
                database.password())) {
            connection.setAutoCommit(false);
            for (SchemaSource.Script script : scripts) {
                // One statement at a time, so that a failure names its line and statement.
                String sql = script.sql();
                int searchFrom = 0;
                for (String statementSql : SqlText.statements(sql)) {
                    int start = sql.indexOf(statementSql, searchFrom) + SqlText.startOfCode(statementSql);
                    searchFrom = start;
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(statementSql);
                    } catch (SQLException e) {
                        connection.rollback();
                        int line = 1 + (int) sql.substring(0, start).chars().filter(c -> c == '\n').count();
                        throw Messages.schemaFailed(script.location(), line, statementSql, testClass,
                                server.description(), e);
                    }
                }
            }
            connection.commit();
        }
    }

    /** Returns the databases made so far in this run, one per schema key. */
    public synchronized List<SchemaDatabase> databases() {
        return List.copyOf(databases.values());
    }

    /** Closes every pool and stops the server if dbtest started it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        if (report != null) {
            report.write();
        }
        for (SchemaDatabase database : databases.values()) {
            try {
                database.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        databases.clear();
        if (server != null) {
            try {
                server.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            DbTestException failure = new DbTestException("dbtest could not stop everything it started: " + failures);
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
