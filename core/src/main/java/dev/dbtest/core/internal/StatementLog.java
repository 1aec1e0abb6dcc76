package dev.dbtest.core.internal;

import dev.dbtest.core.CapturedStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements captured for one test, in the order they ran, from any thread. A {@link TransactionScope} records
 * into it while the test runs ({@link TransactionScope#captureInto}); statements dbtest sends itself never reach it.
 */
public final class StatementLog {

    private final Thread testThread;
    private final boolean callers;
    private final List<CapturedStatement> statements = new ArrayList<>();
    private long cleared; // statements recorded before the last clear()
    // Statements that may have written rows, kept through clear(), when asked for; null otherwise.
    private List<CapturedStatement> writes;

    public StatementLog(Thread testThread) {
        this(testThread, true);
    }

    /** A log that finds the caller of each statement only when {@code callers} (a stack walk per statement). */
    public StatementLog(Thread testThread, boolean callers) {
        this.testThread = testThread;
        this.callers = callers;
    }

    /** Tells whether each statement's caller is found. */
    boolean callers() {
        return callers;
    }

    /** Returns the thread the test runs on. */
    public Thread testThread() {
        return testThread;
    }

    synchronized void record(CapturedStatement statement) {
        statements.add(statement);
        if (writes != null && WrittenTables.mayWrite(statement)) {
            writes.add(statement);
        }
    }

    /**
     * Makes this log keep, from now on, every statement that may have written rows (anything but a plain SELECT),
     * through {@link #clear()}: a non-transactional test empties the tables they wrote after it.
     */
    public synchronized void keepWrites() {
        if (writes == null) {
            writes = new ArrayList<>();
        }
    }

    /** Returns the statements kept by {@link #keepWrites()}, in the order they ran. */
    public synchronized List<CapturedStatement> writes() {
        return writes == null ? List.of() : List.copyOf(writes);
    }

    /** Returns the statements recorded since the last {@link #clear()}. */
    public synchronized List<CapturedStatement> statements() {
        return List.copyOf(statements);
    }

    /** Returns a mark of this point: {@link #since} returns what was recorded after it. */
    public synchronized long mark() {
        return cleared + statements.size();
    }

    /** Returns the statements recorded after {@code mark} (and not cleared since). */
    public synchronized List<CapturedStatement> since(long mark) {
        int from = (int) Math.max(0, mark - cleared);
        return from >= statements.size() ? List.of() : List.copyOf(statements.subList(from, statements.size()));
    }

    /** Forgets what was recorded so far. */
    public synchronized void clear() {
        cleared += statements.size();
        statements.clear();
    }
}
