package dev.dbtest.junit.internal;

import dev.dbtest.core.internal.TransactionScope;

import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;

/** One running test: its transaction scope and the DataSource bound to it. Closing it rolls the test back. */
public final class TestState implements AutoCloseable {

    private final String owner;
    private final TransactionScope scope;
    private final Thread thread;
    private final List<ClassState> classes;
    private final DataSource dataSource = new HandleDataSource() {
        @Override
        Connection handle() {
            return scope.newHandle();
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

    TestState(String owner, TransactionScope scope, Thread thread, List<ClassState> classes,
            java.util.function.Supplier<dev.dbtest.fixtures.Fixtures> fixtures, boolean callers,
            DbTestConfig.LeakMode leaks) {
        this.fixturesFactory = fixtures;
        this.statements = new dev.dbtest.core.internal.StatementLog(thread, callers);
        this.queries = new dev.dbtest.assertions.internal.LiveQueryLog(statements, owner);
        scope.captureInto(statements);
        this.leaks = leaks;
        if (leaks != DbTestConfig.LeakMode.OFF) {
            scope.trackOpenings();
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
        return scope.newHandle();
    }

    /** Returns a new handle on this test's transaction for a {@code Connection} parameter: dbtest closes it. */
    public Connection injectedConnection() {
        return scope.newOwnedHandle();
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
     * Ends the test: rolls its transaction back and closes its handles. Then reports the handles the code under test
     * left open, as {@code dbtest.leaks} says.
     *
     * @throws dev.dbtest.core.DbTestException with {@code dbtest.leaks=fail}, when the test left handles open
     */
    public void close(org.junit.jupiter.api.extension.ExtensionContext context) {
        close();
        // What was open when the scope closed, taken under the lock that closed it.
        List<String> leftOpen = leaks == DbTestConfig.LeakMode.OFF ? List.of() : scope.handlesLeftOpen("    ");
        if (!leftOpen.isEmpty()) {
            Leaks.report(context, owner, leftOpen, leaks);
        }
    }

    @Override
    public void close() {
        try {
            for (ClassState state : classes) {
                state.testFinished(this);
            }
        } finally {
            scope.close();
        }
    }
}
