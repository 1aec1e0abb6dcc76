package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.internal.PinnedConnection;
import dev.dbtest.core.internal.StatementLog;
import dev.dbtest.core.internal.TransactionScope;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections of a non-transactional test (DESIGN.md, per-test transaction, point 5): each {@code getConnection()}
 * takes a real connection from the pool, its own session, whose statements are captured into the test's log. Fixtures
 * get one more, whose statements go to a log of their own: they are not the test's queries, but their tables are
 * emptied all the same.
 */
final class RealConnections {

    private final SchemaDatabase database;
    private final String owner;
    private final StatementLog statements;
    private final StatementLog fixtureStatements;
    private final dev.dbtest.core.internal.LeakSites leakSites; // null: connections left open are not looked for
    private final List<TransactionScope> scopes = new ArrayList<>();
    private TransactionScope fixtureScope;
    private boolean closed;

    RealConnections(SchemaDatabase database, String owner, StatementLog statements,
            dev.dbtest.core.internal.LeakSites leakSites) {
        this.database = database;
        this.owner = owner;
        this.statements = statements;
        this.leakSites = leakSites;
        this.fixtureStatements = new StatementLog(statements.testThread(), false);
        statements.keepWrites();
        fixtureStatements.keepWrites();
    }

    /** A real connection for the code under test, which should close it. */
    Connection newHandle() {
        return open(false).newHandle();
    }

    /** A real connection for a {@code Connection} parameter: dbtest closes it, and never reports it as left open. */
    Connection newOwnedHandle() {
        return open(false).newOwnedHandle();
    }

    /** The connection fixtures write through, each call committed: opened on first use. */
    synchronized TransactionScope fixtureScope() {
        if (fixtureScope == null) {
            fixtureScope = open(true);
        }
        return fixtureScope;
    }

    private TransactionScope open(boolean forFixtures) {
        int held;
        synchronized (this) {
            if (closed) {
                throw new DbTestException("No connection can be taken for " + owner + ": the test has ended. "
                        + "Connections handed out by dbtest are valid only while the test that took them runs.");
            }
            held = (int) scopes.stream().filter(scope -> !scope.isClosed()).count();
        }
        Connection physical = database.borrow(owner, held);
        TransactionScope scope;
        try {
            scope = PinnedConnection.passThrough(physical, database.dialect(), owner, database::discard);
        } catch (SQLException e) {
            throw new IllegalStateException("wrapping a connection sends nothing", e);
        }
        scope.captureInto(forFixtures ? fixtureStatements : statements);
        if (leakSites != null && !forFixtures) {
            scope.trackOpenings(leakSites);
        }
        synchronized (this) {
            scopes.add(scope);
            if (closed) { // the test ended while this thread waited for the pool
                scope.close();
            }
        }
        return scope;
    }

    /**
     * Closes every connection still open (rolling back what it did not commit) and returns where the code under test
     * took those it left open, for the leak report. Then nothing more can be taken.
     */
    List<String> close() {
        List<TransactionScope> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(scopes);
        }
        List<String> leftOpen = new ArrayList<>();
        RuntimeException failure = null;
        for (TransactionScope scope : all) {
            try {
                scope.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            leftOpen.addAll(scope.handlesLeftOpen("    "));
        }
        if (failure != null) {
            throw failure;
        }
        return leftOpen;
    }

    /** Every statement that may have written rows: the test's (from any connection) and the fixtures'. */
    List<dev.dbtest.core.CapturedStatement> writes() {
        List<dev.dbtest.core.CapturedStatement> writes = new ArrayList<>(statements.writes());
        writes.addAll(fixtureStatements.writes());
        return writes;
    }
}
