package dev.dbtest.core;

import java.time.Duration;
import java.util.List;

/**
 * One statement the code under test executed through a connection of its test, as statement capture recorded it.
 *
 * <p>A batch ({@code executeBatch()}) is one captured statement of its type, with {@link #batchSize()} the number of
 * rows or statements in it and {@link #parameters()} those of its first row: a test asks "how many round trips", and
 * a batch is one.
 *
 * @param sql the SQL as the code sent it (for a batch of plain statements, the first one)
 * @param parameters the bound parameters, by position from 1 (index 0 is parameter 1); null where none was bound
 * @param batchSize 0 for a single execution, else the number of rows (or statements) in the batch
 * @param type what the statement does
 * @param duration how long the driver took to execute it
 * @param thread the name of the thread that executed it
 * @param onTestThread whether that thread is the one the test runs on
 * @param caller the first stack frame outside JDBC, the pool, ORMs and dbtest ({@code Class.method(File.java:42)}),
 *        or {@code "unknown"}
 * @param failed whether the database refused it
 * @since 0.1
 */
public record CapturedStatement(String sql, List<Object> parameters, int batchSize, StatementType type,
        Duration duration, String thread, boolean onTestThread, String caller, boolean failed) {
}
