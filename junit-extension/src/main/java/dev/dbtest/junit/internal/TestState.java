package dev.dbtest.junit.internal;

import dev.dbtest.core.internal.TransactionScope;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One running test: its transaction scope and the DataSource bound to it. Closing it rolls the test back. A
 * non-transactional test has no scope but real connections of the pool; closing it closes them and empties the tables
 * they wrote.
 */
public final class TestState implements AutoCloseable {

    private final String owner;
    private final TransactionScope scope;
    private final Thread thread;
    private final List<ClassState> classes;
    private final DataSource dataSource = new HandleDataSource() {
        @Override
        Connection handle() {
            return newConnection();
        }

        @Override
        public String toString() {
            return "dbtest DataSource of " + owner;
        }
    };

    private final java.util.function.Supplier<dev.dbtest.fixtures.Fixtures> fixturesFactory;
    private dev.dbtest.fixtures.Fixtures fixtures;

    private final dev.dbtest.core.internal.StatementLog statements;
    private final dev.dbtest.assertions.QueryLog queries;
    private final DbTestConfig.LeakMode leaks;
    private final dev.dbtest.core.internal.LeakSites leakSites;
    private final RealConnections real; // a non-transactional test's connections; null in a transactional test
    private final SchemaDatabase database;

    TestState(String owner, TransactionScope scope, Thread thread, List<ClassState> classes,
            java.util.function.Supplier<dev.dbtest.fixtures.Fixtures> fixtures, boolean callers,
            DbTestConfig.LeakMode leaks, dev.dbtest.core.internal.LeakSites leakSites) {
        this(owner, scope, null, null, thread, classes, scopeOfFixtures -> fixtures.get(), callers, leaks, leakSites);
    }

    /** A non-transactional test on {@code database}: its fixtures are made on the scope given to {@code fixtures}. */
    TestState(String owner, SchemaDatabase database, Thread thread, List<ClassState> classes,
            java.util.function.Function<TransactionScope, dev.dbtest.fixtures.Fixtures> fixtures, boolean callers,
            DbTestConfig.LeakMode leaks, dev.dbtest.core.internal.LeakSites leakSites) {
        this(owner, null, database, null, thread, classes, fixtures, callers, leaks, leakSites);
    }

    private TestState(String owner, TransactionScope scope, SchemaDatabase database, Void unused, Thread thread,
            List<ClassState> classes, java.util.function.Function<TransactionScope, dev.dbtest.fixtures.Fixtures> fixtures,
            boolean callers, DbTestConfig.LeakMode leaks, dev.dbtest.core.internal.LeakSites leakSites) {
        this.statements = new dev.dbtest.core.internal.StatementLog(thread, callers);
        this.queries = new dev.dbtest.assertions.internal.LiveQueryLog(statements, owner);
        this.leaks = leaks;
        this.leakSites = leakSites;
        this.database = database;
        if (scope != null) {
            scope.captureInto(statements);
            if (leaks != DbTestConfig.LeakMode.OFF) {
                scope.trackOpenings(leakSites);
            }
            this.real = null;
            this.fixturesFactory = () -> fixtures.apply(scope);
        } else {
            this.real = new RealConnections(database, owner, statements,
                    leaks != DbTestConfig.LeakMode.OFF ? leakSites : null);
            this.fixturesFactory = () -> fixtures.apply(real.fixtureScope());
        }
        this.owner = owner;
        this.scope = scope;
        this.thread = thread;
        this.classes = classes;
    }

    String owner() {
        return owner;
    }

    Thread thread() {
        return thread;
    }

    /** Returns the DataSource of this test: on any thread, its connections are handles on this test's transaction. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Returns a new handle on this test's transaction, for the code under test: it should close it. */
    public Connection newConnection() {
        return real != null ? real.newHandle() : scope.newHandle();
    }

    /** Tells whether this test runs on real connections, outside a test transaction. */
    boolean nonTransactional() {
        return real != null;
    }

    /** Returns a new handle on this test's transaction for a {@code Connection} parameter: dbtest closes it. */
    public Connection injectedConnection() {
        return real != null ? real.newOwnedHandle() : scope.newOwnedHandle();
    }

    /** Returns the log of the statements the code under test executed in this test. */
    public dev.dbtest.assertions.QueryLog queries() {
        return queries;
    }

    /** Returns the fixtures of this test, made on first use; every parameter of the test gets the same. */
    public synchronized dev.dbtest.fixtures.Fixtures fixtures() {
        if (fixtures == null) {
            fixtures = fixturesFactory.get();
        }
        return fixtures;
    }

    TransactionScope scope() {
        return scope;
    }

    /**
     * Copies the rows this test sees into {@code target} ({@code dbtest.keep-on-failure}): a transactional test's
     * through its own connection, its uncommitted rows included, before its rollback; a non-transactional test's, all
     * committed, through a connection of {@code database}'s pool. A transaction PostgreSQL aborted is first ended as
     * PostgreSQL ends one, back to the last commit point, and the result says so.
     */
    FailureCopy.Copied copyRowsInto(ConnectionSpec target, SchemaDatabase database) throws java.sql.SQLException {
        if (real == null) {
            String note = null;
            if (database.dialect() == dev.dbtest.core.Dialect.POSTGRESQL && aborted(scope.pinned().physical())) {
                scope.rollbackToCommitPoint();
                if (aborted(scope.pinned().physical())) {
                    throw new java.sql.SQLException("the test's transaction was aborted by a failed statement, and "
                            + "could not be rolled back to its last commit point to read its rows", "25P02");
                }
                note = "the test's transaction was aborted by a failed statement (auto-commit off, no rollback): "
                        + "PostgreSQL shows no row of an aborted transaction, so the copy holds what the test had "
                        + "committed, as a real database would keep";
            }
            String why = note;
            return new FailureCopy.Copied(scope.runInternal(physical ->
                    FailureCopy.copy(physical, database.dialect(), target, false)), why);
        }
        try (Connection connection = database.pool().getConnection()) {
            // Its own connections are still open: one that holds a lock (LOCK TABLE, an uncommitted TRUNCATE) must
            // not make the copy wait for ever.
            return new FailureCopy.Copied(FailureCopy.copy(connection, database.dialect(), target, true), null);
        }
    }

    private static boolean aborted(Connection physical) throws java.sql.SQLException {
        return physical.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                == org.postgresql.core.TransactionState.FAILED;
    }

    /**
     * Ends the test: rolls its transaction back and closes its handles. Then reports the handles the code under test
     * left open, as {@code dbtest.leaks} says.
     *
     * @throws dev.dbtest.core.DbTestException with {@code dbtest.leaks=fail}, when the test left handles open
     */
    public void close(org.junit.jupiter.api.extension.ExtensionContext context) {
        if (real != null) {
            closeNonTransactional(context);
            return;
        }
        close();
        // What was open when the scope closed, taken under the lock that closed it.
        List<String> leftOpen = leaks == DbTestConfig.LeakMode.OFF ? List.of() : scope.handlesLeftOpen("    ");
        if (!leftOpen.isEmpty()) {
            Leaks.report(context, owner, leftOpen, leaks, leakSites);
        }
    }

    /** Closes the test's real connections, reports those left open, then empties the tables they wrote. */
    private void closeNonTransactional(org.junit.jupiter.api.extension.ExtensionContext context) {
        List<String> leftOpen = List.of();
        RuntimeException closing = null;
        try {
            for (ClassState state : classes) {
                state.testFinished(this);
            }
            leftOpen = real.close();
        } catch (RuntimeException e) {
            closing = e; // the tables are emptied all the same: what was committed must not reach the next test
        }
        RuntimeException failure = closing;
        try {
            TableEmptier.Emptied emptied = TableEmptier.empty(database, owner, real.writes());
            if (!emptied.tables().isEmpty()) {
                context.publishReportEntry("dbtest.emptied", String.join(", ",
                        emptied.tables().stream().map(TableEmptier.Table::toString).toList())
                        + (emptied.unattributed().isEmpty() ? "" : " (every table: no table could be told for "
                        + String.join("; ", emptied.unattributed()) + ")")
                        + (emptied.restored().isEmpty() ? "" : "; seed rows put back: " + String.join(", ",
                        emptied.restored().entrySet().stream().map(seed -> seed.getKey() + " " + seed.getValue())
                                .toList())));
            }
        } catch (RuntimeException e) {
            if (failure != null) {
                e.addSuppressed(failure);
            }
            failure = e; // the emptying's failure first: the next tests see what it left
        }
        // The connections left open are reported whatever else failed: they are a mistake of the test's own.
        if (!leftOpen.isEmpty() && leaks != DbTestConfig.LeakMode.OFF) {
            try {
                Leaks.report(context, owner, leftOpen, leaks, leakSites);
            } catch (RuntimeException leak) {
                if (failure == null) {
                    failure = leak;
                } else {
                    failure.addSuppressed(leak);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (real != null) {
            try {
                for (ClassState state : classes) {
                    state.testFinished(this);
                }
            } finally {
                real.close();
                TableEmptier.empty(database, owner, real.writes());
            }
            return;
        }
        try {
            for (ClassState state : classes) {
                state.testFinished(this);
            }
        } finally {
            scope.close();
        }
    }
}
