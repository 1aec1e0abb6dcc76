package dev.dbtest.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a JUnit 5 test class a real database, started once for the whole run, and runs each test in a transaction
 * that is rolled back after it, whatever the code under test did.
 *
 * <pre>{@code
 * @DatabaseTest(entities = {User.class, Post.class})
 * class UserRepositoryTests {
 *
 *     @Test
 *     void savesAUser(DataSource dataSource) throws SQLException {
 *         var users = new UserRepository(dataSource);
 *         users.save(new User("ann@example.com"));        // may commit: nothing survives the test
 *         assertThat(users.findAll()).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * <h2>What can be injected</h2>
 * Test methods, {@code @BeforeEach} and {@code @AfterEach} methods can declare {@link javax.sql.DataSource},
 * {@link java.sql.Connection}, {@link dev.dbtest.fixtures.Fixtures} and {@link TestDatabase} parameters; all of them in one test share one physical
 * connection and one transaction. {@code @BeforeAll} methods and constructors can declare a {@code DataSource}: during
 * each test it hands out connections on that test's transaction, so an object built once per class (a repository, an
 * {@code EntityManagerFactory}) works inside every test; rows it writes in {@code @BeforeAll} are seen by every test of
 * the class and rolled back after the class.
 *
 * <h2>The per-test transaction</h2>
 * One physical connection is pinned before the first {@code @BeforeEach} and rolled back after the last
 * {@code @AfterEach}. Every {@code getConnection()} during the test, from any thread, returns a handle on it; closing a
 * handle closes only the handle. {@code commit()} keeps the work and sets a savepoint that a later {@code rollback()}
 * returns to; auto-commit mode runs each statement in its own savepoint; session settings are restored; DDL is
 * refused on H2, where it would commit. See the project's README for the full table.
 *
 * <h2>Where the database comes from</h2>
 * {@code dbtest.database} ({@code auto}, {@code postgres}, {@code h2}, {@code url}) and the other {@code dbtest.*}
 * configuration parameters, or their {@code DBTEST_*} environment variables: by default a configured
 * {@code dbtest.url}, else PostgreSQL in Docker through Testcontainers, else embedded H2.
 *
 * <h2>Tests that must commit</h2>
 * With {@link #transactional()} {@code false} on the class, or {@link NonTransactional} on a test, connections are real
 * connections of the pool: their own sessions, real commits and locks. Statement capture, fixtures and leak reports
 * work as usual, and after the test dbtest empties the tables it wrote, children before parents, and restarts their
 * identities.
 *
 * <p>The annotation is {@link Inherited} and can be used as a meta-annotation on an annotation of your own.
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DatabaseTestExtension.class)
public @interface DatabaseTest {

    /**
     * Entity classes ({@code jakarta.persistence} annotations) whose tables dbtest creates, in foreign-key order, before
     * the first test that needs them; every entity an association refers to must be listed. Runs before
     * {@link #scripts()}, which can add what the entities do not describe (a view, say).
     *
     * @return the entity classes
     */
    Class<?>[] entities() default {};

    /**
     * Packages whose {@code @Entity} classes (subpackages included) are added to {@link #entities()}.
     *
     * @return the package names, such as {@code "com.example.model"}
     */
    String[] entityPackages() default {};

    /**
     * Flyway migration locations ({@code "classpath:db/migration"} or {@code "filesystem:src/main/resources/db"}), run
     * after the entities' DDL and before {@link #scripts()}. Flyway is optional: add {@code org.flywaydb:flyway-core}
     * (and {@code flyway-database-postgresql}) to the test classpath to use them.
     *
     * @return the migration locations
     */
    String[] migrations() default {};

    /**
     * How the entities' names become table and column names: {@code "jpa"} (names as written, JPA's and Hibernate's
     * default) or {@code "snake_case"} (what Spring Boot applies: {@code createdAt} becomes {@code created_at}). Empty:
     * the {@code dbtest.naming} configuration parameter, whose default is {@code jpa}.
     *
     * @return the naming, or empty for the configured one
     */
    String naming() default "";

    /**
     * SQL scripts that create the schema, run in order once per run, before the first test that needs them:
     * {@code "classpath:schema.sql"} (the default when there is no prefix) or {@code "file:db/schema.sql"}.
     * Test classes with the same scripts share one database.
     *
     * @return the script locations
     */
    String[] scripts() default {};

    /**
     * Factories of fixtures: each gives the defaults and named traits of one entity type to the
     * {@link dev.dbtest.fixtures.Fixtures} injected into the tests of the class.
     *
     * @return the factory classes, such as {@code UserFactory.class}
     */
    Class<? extends dev.dbtest.fixtures.Factory<?>>[] factories() default {};

    /**
     * Whether each test runs in a transaction that is rolled back after it (the default). {@code false}: the tests of
     * the class are non-transactional, as {@link NonTransactional} makes one test: every {@code getConnection()} is a
     * real connection of the pool that commits and locks for real, and after each test dbtest empties the tables it
     * wrote. For tests of locking, of two sessions, of code that must commit; they cost a {@code TRUNCATE} each.
     *
     * <pre>{@code
     * @DatabaseTest(scripts = "schema.sql", transactional = false)
     * class SeatReservationLockingTests { ... }
     * }</pre>
     *
     * @return whether the tests of the class run in a test transaction
     */
    boolean transactional() default true;
}
