package dev.dbtest.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs one test of a {@link DatabaseTest} class outside a test transaction: its connections are real connections of the
 * pool, which commit and lock for real, and after it dbtest empties the tables it wrote.
 *
 * <pre>{@code
 * @DatabaseTest(scripts = "schema.sql")
 * class SeatReservationTests {
 *
 *     @Test
 *     @NonTransactional // two sessions must really wait for each other's row lock
 *     void aSecondBookingWaitsForTheFirst(DataSource dataSource) throws Exception {
 *         try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
 *             first.setAutoCommit(false);
 *             first.createStatement().executeQuery("SELECT * FROM seats WHERE id = 1 FOR UPDATE");
 *             // second's SELECT ... FOR UPDATE of seat 1 now blocks until first commits
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>What changes in the test</h2>
 * <ul>
 * <li>Every {@code getConnection()} of the injected {@code DataSource} (and of the one a {@code @BeforeAll} method
 * received), and every {@code Connection} parameter, is a real connection taken from the pool: its own session, in
 * auto-commit mode as the pool gives it; {@code commit()}, {@code rollback()}, savepoints, isolation levels and locks
 * are the database's own. Closing it returns it to the pool; dbtest closes those left open after the test (and reports
 * them, as {@code dbtest.leaks} says).</li>
 * <li>Statement capture still sees every statement of every connection: {@code QueryLog}, {@code @ExpectQueries} and
 * {@code @MaxQueries} work as in any test. Fixtures commit their rows.</li>
 * <li>After the test, whatever its outcome (a failed {@code @BeforeEach} too), dbtest empties the tables that statement
 * capture saw written ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}, {@code COPY}, {@code TRUNCATE},
 * and fixtures), together with the tables whose foreign keys reference them, children before parents, and restarts
 * their identities. A write it cannot attribute to a table ({@code CALL}, DDL, a batch of plain statements) makes it
 * empty every table of the schema.</li>
 * </ul>
 *
 * <h2>Why this name</h2>
 * Spring runs such a test with {@code @Transactional(propagation = NOT_SUPPORTED)}, Django with a
 * {@code TransactionTestCase}: the test gets no test transaction, and the database is cleaned after it. Spring's
 * {@code @Commit} is something else (one test transaction, committed and left behind), so dbtest does not borrow that
 * name. {@code @DatabaseTest(transactional = false)} does the same for every test of a class.
 *
 * <h2>Restrictions</h2>
 * Refused, with a message that says why, in a class whose {@code @BeforeAll} used its {@code DataSource} (those rows
 * live in a class transaction the test cannot see) and in a class whose tests run concurrently (tests beside it would
 * see its rows and lose theirs); on lifecycle methods, where it would mean nothing. With parallel execution, mark the
 * class {@code @Isolated}: transactional tests of other classes on the same schema would see its committed rows.
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NonTransactional {
}
