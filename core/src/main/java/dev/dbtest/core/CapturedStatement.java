package dev.dbtest.core;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One statement the code under test executed through a connection of its test, as statement capture recorded it.
 *
 * <p>A batch ({@code executeBatch()}) is one captured statement of its type, with {@link #batchSize()} the number of
 * rows or statements in it and {@link #parameters()} those of its first row: a test asks "how many round trips", and
 * a batch is one.
 *
 * @since 0.1
 */
public final class CapturedStatement {

    private final String sql;
    private final List<Object> parameters;
    private final int batchSize;
    private final StatementType type;
    private final Duration duration;
    private final String thread;
    private final boolean onTestThread;
    private final boolean failed;
    private Supplier<String> callerSource;
    private String caller;

    /**
     * @param sql the SQL as the code sent it (for a batch of plain statements, the first one)
     * @param parameters the bound parameters, by position (index 0 is parameter 1); null where none was bound
     * @param batchSize 0 for a single execution, else the number of rows (or statements) in the batch
     * @param type what the statement does
     * @param duration how long the driver took to execute it
     * @param thread the name of the thread that executed it
     * @param onTestThread whether that thread is the one the test runs on
     * @param caller the first stack frame outside JDBC, the pool, ORMs and dbtest ({@code Class.method(File.java:42)}),
     *        or {@code "unknown"}
     * @param failed whether the database refused it
     */
    public CapturedStatement(String sql, List<Object> parameters, int batchSize, StatementType type, Duration duration,
            String thread, boolean onTestThread, String caller, boolean failed) {
        this(sql, parameters, batchSize, type, duration, thread, onTestThread, (Supplier<String>) null, failed);
        this.caller = caller;
    }

    /** As the other constructor, with the caller written out only when it is first asked for. */
    public CapturedStatement(String sql, List<Object> parameters, int batchSize, StatementType type, Duration duration,
            String thread, boolean onTestThread, Supplier<String> caller, boolean failed) {
        this.sql = sql;
        this.parameters = parameters;
        this.batchSize = batchSize;
        this.type = type;
        this.duration = duration;
        this.thread = thread;
        this.onTestThread = onTestThread;
        this.callerSource = caller;
        this.failed = failed;
    }

    /** Returns the SQL as the code sent it (for a batch of plain statements, the first one). */
    public String sql() {
        return sql;
    }

    /** Returns the bound parameters, by position (index 0 is parameter 1); null where none was bound. */
    public List<Object> parameters() {
        return parameters;
    }

    /** Returns 0 for a single execution, else the number of rows (or statements) in the batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Returns what the statement does. */
    public StatementType type() {
        return type;
    }

    /** Returns how long the driver took to execute it. */
    public Duration duration() {
        return duration;
    }

    /** Returns the name of the thread that executed it. */
    public String thread() {
        return thread;
    }

    /** Tells whether the thread that executed it is the one the test runs on. */
    public boolean onTestThread() {
        return onTestThread;
    }

    /** Returns {@code Class.method(File.java:42)} of the code that executed it, or {@code "unknown"}. */
    public synchronized String caller() {
        if (caller == null) {
            caller = callerSource == null ? "unknown" : callerSource.get();
            callerSource = null;
        }
        return caller;
    }

    /** Tells whether the database refused it. */
    public boolean failed() {
        return failed;
    }

    @Override
    public String toString() {
        return type + " " + sql + (parameters.isEmpty() ? "" : " " + parameters)
                + (batchSize > 0 ? " (batch of " + batchSize + ")" : "") + (failed ? " (failed)" : "") + " from "
                + caller() + " on " + thread;
    }
}
