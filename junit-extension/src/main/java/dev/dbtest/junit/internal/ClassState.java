package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.internal.LeakSites;
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
    private final SchemaDatabaseFactory.FixtureSetup fixtures;
    private final ClassState enclosing;
    private final boolean concurrent;
    private final DbTestConfig.LeakMode leaks;
    private final LeakSites leakSites;
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

    public ClassState(String className, SchemaDatabaseFactory.ClassSchema schema, ClassState enclosing,
            boolean concurrent, DbTestConfig.LeakMode leaks, LeakSites leakSites) {
        this.className = className;
        this.leaks = leaks;
        this.leakSites = leakSites;
        this.database = schema.database();
        this.fixtures = schema.fixtures();
        this.enclosing = enclosing;
        this.concurrent = concurrent;
        if (enclosing != null && enclosing.database != database) {
            for (ClassState outer = enclosing; outer != null; outer = outer.enclosing) {
                if (outer.pinnedClassScope() != null) {
                    throw Messages.otherSchemaUnderClassRows(className, outer.className, database.name(),
                            outer.database.name());
                }
            }
        }
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
    public TestState startTest(String owner, String uniqueTag, boolean callers, DbTestConfig.LeakMode leaks) {
        return startTest(owner, uniqueTag, callers, leaks, true);
    }

    /**
     * Starts a test of this class; a non-transactional one ({@code transactional} false) gets real connections of the
     * pool, and is refused in a class whose {@code @BeforeAll} used its DataSource or whose tests run concurrently.
     */
    public TestState startTest(String owner, String uniqueTag, boolean callers, DbTestConfig.LeakMode leaks,
            boolean transactional) {
        List<ClassState> classes = new ArrayList<>();
        for (ClassState state = this; state != null; state = state.enclosing) {
            classes.add(state);
        }
        if (!transactional) {
            TransactionScope pinnedForClass = pinnedClassScope();
            if (pinnedForClass != null && pinnedForClass.hasBegun()) {
                throw Messages.nonTransactionalAfterClassRows(owner, pinnedForClass.owner());
            }
            if (concurrent) {
                throw Messages.nonTransactionalInConcurrentClass(owner, className);
            }
            database.takeSeedsOnce(); // before the test commits anything: what to put back after it
            TestState test = new TestState(owner, database, Thread.currentThread(), classes,
                    scope -> new dev.dbtest.fixtures.internal.FixtureSession(scope, database.dialect(),
                            fixtures.model(), fixtures.naming(), fixtures.factories(), className, uniqueTag),
                    callers, leaks, leakSites);
            for (ClassState state : classes) {
                state.testStarted(test);
            }
            return test;
        }
        TransactionScope scope = openTestScope(owner);
        TestState test = new TestState(owner, scope, Thread.currentThread(), classes,
                () -> new dev.dbtest.fixtures.internal.FixtureSession(scope, database.dialect(), fixtures.model(),
                        fixtures.naming(), fixtures.factories(), className, uniqueTag), callers, leaks, leakSites);
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
            return PinnedConnection.pin(physical, database.dialect(), owner, database.statementSavepoints(physical),
                    database::discard);
        } catch (SQLException e) {
            try {
                physical.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new DbTestException("dbtest could not start the transaction of " + owner + ": "
                    + Secrets.scrub(e.getMessage(), database.spec()) + "\n"
                    + "  dbtest switches auto-commit off on a connection of its pool before the test's first "
                    + "@BeforeEach, and the database refused it.\n"
                    + "  Fix: find out why the server refused (its answer above: a setting of the user or database, "
                    + "a server out of resources, a proxy in between) and fix that.", Secrets.scrub(e, database.spec()));
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
            throw Messages.routedAfterClass(className);
        }
        if (running.size() == 1) {
            return running.iterator().next().newConnection();
        }
        if (running.size() > 1) {
            TestState test = runningByThread.get(Thread.currentThread());
            if (test == null) {
                throw Messages.routedFromForeignThread(className, Thread.currentThread().getName(), running.size());
            }
            return test.newConnection();
        }
        if (concurrent) {
            throw Messages.classWritesInConcurrentClass(className);
        }
        if (classScope == null) {
            TransactionScope enclosingScope = enclosing != null && enclosing.database == database
                    ? enclosing.pinnedClassScope() : null;
            classScope = enclosingScope != null ? enclosingScope.openNested(className) : pin(className);
            if (leaks != DbTestConfig.LeakMode.OFF) {
                // The handles @BeforeAll takes and leaves open are reported after the class.
                classScope.trackOpenings(leakSites);
            }
        }
        return classScope.newHandle();
    }

    /** Ends the class: rolls back what its {@code @BeforeAll} wrote and returns its pinned connection. Idempotent. */
    @Override
    public void close() {
        closeScope();
    }

    /**
     * Ends the class as {@link #close()} does, then reports the connections taken from the class's DataSource outside
     * its tests ({@code @BeforeAll}, {@code @AfterAll}, a constructor) and left open, as {@code dbtest.leaks} says.
     *
     * @throws dev.dbtest.core.DbTestException with {@code dbtest.leaks=fail}, when such connections were left open
     */
    public void close(org.junit.jupiter.api.extension.ExtensionContext context) {
        TransactionScope scope = closeScope();
        List<String> leftOpen = scope == null || leaks == DbTestConfig.LeakMode.OFF ? List.of()
                : scope.handlesLeftOpen("    ");
        if (!leftOpen.isEmpty()) {
            Leaks.report(context, "The @BeforeAll or @AfterAll methods (or constructor) of " + className, "the class",
                    leftOpen, leaks, leakSites);
        }
    }

    private TransactionScope closeScope() {
        TransactionScope scope;
        synchronized (this) {
            finished = true;
            scope = classScope;
            classScope = null;
        }
        if (scope != null) {
            scope.close();
        }
        return scope;
    }
}
