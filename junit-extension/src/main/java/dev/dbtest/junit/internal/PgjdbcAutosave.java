package dev.dbtest.junit.internal;

import dev.dbtest.core.internal.StatementSavepoints;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.jdbc.AutoSave;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Statement savepoints through the PostgreSQL driver's own {@code autosave}: the driver sends the savepoint with the
 * statement, in the same round trip, and rolls back to it when the statement fails.
 *
 * <p>The driver does not release the savepoints (the pool sets {@code cleanupSavepoints=false}): its release is a
 * message of its own after every statement, which cost about 90 µs a statement here through Docker's port proxy
 * (async-profiler, wall clock: most of it in the socket write), more than the savepoint itself. The savepoints of the
 * statements that worked stay open instead, nested, and are released {@value #MOST_OPEN} at a time in one round trip.
 * They are counted only where the driver surely sent one (a statement whose SQL starts with a plain DML or query
 * keyword), and the count restarts whenever another savepoint changes the stack, so a release never reaches below the
 * newest savepoint that is not a statement's.
 *
 * <p>Autosave is switched on for the one statement only: dbtest's own savepoints must not be nested in the driver's.
 *
 * <p>The first statement of a physical transaction gets no savepoint: nothing ran in the transaction before it (the
 * driver has not even sent {@code BEGIN}), so when it fails, rolling back the whole transaction undoes that statement
 * alone. That saves the savepoint's message, whose reply the server sends apart from the statement's: about 17 µs, as
 * much as a primary-key SELECT, here (CaptureOverheadBenchmark); every test's first statement is such a statement.
 */
public final class PgjdbcAutosave extends StatementSavepoints {

    /** How many statement savepoints stay open before they are released. */
    static final int MOST_OPEN = 32;
    private static final String RELEASE_ALL;
    private static final String[] SURELY_SAVED = {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES", "MERGE"};

    static {
        StringBuilder release = new StringBuilder();
        for (int i = 0; i < MOST_OPEN; i++) {
            release.append("RELEASE SAVEPOINT PGJDBC_AUTOSAVE;");
        }
        RELEASE_ALL = release.toString();
    }

    private final BaseConnection driver;
    private boolean counted; // and its savepoint is surely sent, so counted once it worked
    private boolean first; // the statement is the first of its transaction: it runs without a savepoint
    private int open; // statement savepoints on top of the stack, newest first, that are surely there

    public PgjdbcAutosave(Connection physical) throws SQLException {
        this.driver = physical.unwrap(BaseConnection.class);
    }

    /**
     * Switches autosave on, unless the transaction has not begun (the statement is its first: see the class comment)
     * or is already aborted (by a statement outside auto-commit mode): the
     * driver's SAVEPOINT would fail, and its recovery would roll back to an older savepoint of its own, undoing work
     * committed since. The statement then fails as it would on PostgreSQL, until the code rolls back.
     */
    @Override
    protected void before(Connection physical, String sql) {
        TransactionState state = driver.getTransactionState();
        first = state == TransactionState.IDLE;
        boolean armed = state == TransactionState.OPEN;
        counted = armed && surelySaved(sql);
        if (armed) {
            driver.setAutosave(AutoSave.ALWAYS);
        }
        if (!counted) {
            open = 0; // a savepoint the driver may not have sent, or SQL that changes savepoints itself
        }
    }

    @Override
    protected void succeeded(Connection physical) throws SQLException {
        first = false;
        driver.setAutosave(AutoSave.NEVER);
        if (counted && ++open >= MOST_OPEN) {
            open = 0;
            try (Statement release = physical.createStatement()) {
                release.execute(RELEASE_ALL);
            }
        }
        counted = false;
    }

    @Override
    protected void failed(Connection physical) throws SQLException {
        // After a savepoint of the driver's, the driver has rolled back to it already; it stays, but is not counted.
        driver.setAutosave(AutoSave.NEVER);
        counted = false;
        if (first) {
            first = false;
            open = 0;
            // Only when the server failed it: a statement the server ran and the driver then refused (executeQuery on
            // an INSERT: "No results were returned") stays done, as with real auto-commit.
            if (driver.getTransactionState() == TransactionState.FAILED) {
                physical.rollback(); // only the failed statement ran in it; the next statement begins anew
            }
        }
    }

    @Override
    protected void otherSavepointChanged() {
        open = 0;
    }

    /** Whether the driver sends its savepoint before {@code sql}: it leaves it out for SAVEPOINT, COMMIT, SET ... only. */
    static boolean surelySaved(String sql) {
        if (sql == null) {
            return false;
        }
        for (String keyword : SURELY_SAVED) {
            if (sql.regionMatches(true, 0, keyword, 0, keyword.length())
                    && (sql.length() == keyword.length() || !Character.isLetterOrDigit(sql.charAt(keyword.length()))
                    && sql.charAt(keyword.length()) != '_')) {
                return true;
            }
        }
        return false;
    }
}
