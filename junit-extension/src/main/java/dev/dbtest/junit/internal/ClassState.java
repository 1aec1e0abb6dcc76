package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.internal.PinnedConnection;
import dev.dbtest.core.internal.TransactionScope;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One test class while it runs: its database, the tests of it (and of its {@code @Nested} classes) running now, and,
 * when its {@code @BeforeAll} wrote rows, the connection pinned for the class (DESIGN.md, per-test transaction,
 * point 6).
 */
public final class ClassState implements AutoCloseable {

    private final String className;
    private final SchemaDatabase database;
    private final ClassState enclosing;
    private final boolean concurrent;
    private final Set<TestState> running = new LinkedHashSet<>();
    private final Map<Thread, TestState> runningByThread = new HashMap<>();
    private TransactionScope classScope;
    private boolean finished;

    private final DataSource routingDataSource = new HandleDataSource() {
        @Override
        Connection handle() {
            return route();
        }

        @Override
        public String toString() {
            return "dbtest routing DataSource of " + className;
        }
    };

    public ClassState(String className, SchemaDatabase database, ClassState enclosing, boolean concurrent) {
        this.className = className;
        this.database = database;
        this.enclosing = enclosing;
        this.concurrent = concurrent;
    }

    public SchemaDatabase database() {
        return database;
    }

    /**
     * Returns the DataSource for {@code @BeforeAll} methods and constructors: during a test its connections are handles
     * on that test's transaction; outside tests, on the class's own pinned connection.
     */
    public DataSource routingDataSource() {
        return routingDataSource;
    }

    /** Starts a test of this class: pins its connection (or nests it in the class's) and records who runs it. */
    public TestState startTest(String owner) {
        TransactionScope scope = openTestScope(owner);
        List<ClassState> classes = new ArrayList<>();
        for (ClassState state = this; state != null; state = state.enclosing) {
            classes.add(state);
        }
        TestState test = new TestState(owner, scope, Thread.currentThread(), classes);
        for (ClassState state : classes) {
            state.testStarted(test);
        }
        return test;
    }

    private TransactionScope openTestScope(String owner) {
        TransactionScope pinnedForClass = pinnedClassScope();
        if (pinnedForClass != null) {
            return pinnedForClass.openNested(owner);
        }
        return pin(owner);
    }

    private TransactionScope pin(String owner) {
        Connection physical = database.borrow(owner);
        try {
            return PinnedConnection.pin(physical, database.dialect(), owner);
        } catch (SQLException e) {
            try {
                physical.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new DbTestException("dbtest could not start the transaction of " + owner + ": " + e.getMessage(), e);
        }
    }

    /** The innermost connection pinned by this class or an enclosing one on the same database, or {@code null}. */
    private synchronized TransactionScope pinnedClassScope() {
        if (classScope != null) {
            return classScope;
        }
        return enclosing != null && enclosing.database == database ? enclosing.pinnedClassScope() : null;
    }

    private synchronized void testStarted(TestState test) {
        running.add(test);
        runningByThread.put(test.thread(), test);
    }

    synchronized void testFinished(TestState test) {
        running.remove(test);
        runningByThread.remove(test.thread(), test);
    }

    private synchronized Connection route() {
        if (finished) {
            throw new DbTestException("The DataSource injected into a @BeforeAll method or constructor of " + className
                    + " was used after the class finished. It hands out connections only while the class runs; "
                    + "keep it in a field of that class, not in a static shared with other classes.");
        }
        if (running.size() == 1) {
            return running.iterator().next().newConnection();
        }
        if (running.size() > 1) {
            TestState test = runningByThread.get(Thread.currentThread());
            if (test == null) {
                throw new DbTestException("A connection was asked of the DataSource injected into a @BeforeAll method "
                        + "or constructor of " + className + " on thread '" + Thread.currentThread().getName()
                        + "', while " + running.size() + " of its tests run concurrently; that thread belongs to none "
                        + "of them, so dbtest cannot tell whose transaction the connection belongs to.\n"
                        + "  Fix: inject the DataSource into the test method (its connections belong to that test on "
                        + "every thread), or run the class on one thread with "
                        + "@Execution(ExecutionMode.SAME_THREAD).");
            }
            return test.newConnection();
        }
        if (concurrent) {
            throw new DbTestException("A connection was asked of the DataSource injected into a @BeforeAll method or "
                    + "constructor of " + className + " outside of any test, in a class whose tests run concurrently. "
                    + "Rows written there would have to be shared by tests running on different connections, which "
                    + "cannot see each other's uncommitted rows.\n"
                    + "  Fix: create the rows in @BeforeEach, or run the class on one thread with "
                    + "@Execution(ExecutionMode.SAME_THREAD).");
        }
        if (classScope == null) {
            TransactionScope enclosingScope = enclosing != null && enclosing.database == database
                    ? enclosing.pinnedClassScope() : null;
            classScope = enclosingScope != null ? enclosingScope.openNested(className) : pin(className);
        }
        return classScope.newHandle();
    }

    /** Ends the class: rolls back what its {@code @BeforeAll} wrote and returns its pinned connection. Idempotent. */
    @Override
    public void close() {
        TransactionScope scope;
        synchronized (this) {
            finished = true;
            scope = classScope;
            classScope = null;
        }
        if (scope != null) {
            scope.close();
        }
    }
}
