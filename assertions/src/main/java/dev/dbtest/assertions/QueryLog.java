package dev.dbtest.assertions;

import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.StatementType;
import dev.dbtest.assertions.internal.FixedQueryLog;

import java.util.List;

/**
 * The statements the code under test executed through the test's connections, from any thread, in the order they ran.
 * Statements dbtest sends itself (savepoints, schema, fixtures, session resets) are never in it. Inject it into a test,
 * {@code @BeforeEach} or {@code @AfterEach} method of a {@code @DatabaseTest} class.
 *
 * <pre>{@code
 * @Test
 * void listsPostsWithTheirAuthorsInOneQuery(Fixtures fixtures, QueryLog queries) {
 *     fixtures.createList(Post.class, 3);                              // fixtures are not captured
 *     QueryLog listing = queries.during(() -> posts.findAllWithAuthors());
 *     DbAssertions.assertThat(listing).hasSelectCount(1).hasNoRepeatedSelects();
 * }
 * }</pre>
 *
 * <p>A batch ({@code executeBatch()}) is one statement, with its batch size: it is one round trip.
 *
 * @since 0.1
 */
public interface QueryLog {

    /** Returns the statements captured so far (since the last {@link #clear()}), oldest first. */
    List<CapturedStatement> statements();

    /** Forgets the statements captured so far; later ones are captured as before. */
    void clear();

    /**
     * Runs {@code block} and returns the log of the statements captured while it ran: those it executed, on any
     * thread, and those other threads of the test executed meanwhile. They stay in this log too. An exception of the
     * block is thrown as it is.
     *
     * @throws UnsupportedOperationException on a log made with {@link #of}, which captures nothing
     */
    QueryLog during(Block block);

    /** Returns how many statements of {@code type} were captured. */
    default int count(StatementType type) {
        int count = 0;
        for (CapturedStatement statement : statements()) {
            if (statement.type() == type) {
                count++;
            }
        }
        return count;
    }

    /** Returns how many statements were captured. */
    default int total() {
        return statements().size();
    }

    /** Returns a log of the given statements: for tests of your own assertions. */
    static QueryLog of(List<CapturedStatement> statements) {
        return new FixedQueryLog(statements);
    }

    /** Code run by {@link #during}: it may throw anything. */
    @FunctionalInterface
    interface Block {
        void run() throws Exception;
    }
}
