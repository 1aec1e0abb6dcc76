package dev.dbtest.junit;

import dev.dbtest.core.Dialect;

/**
 * Describes the database a test runs on. Inject it into a test, lifecycle method or constructor of a
 * {@link DatabaseTest} class, for example to skip a test that needs PostgreSQL:
 *
 * <pre>{@code
 * @Test
 * void usesJsonb(TestDatabase database, DataSource dataSource) {
 *     assumeTrue(database.dialect() == Dialect.POSTGRESQL, "jsonb needs PostgreSQL");
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface TestDatabase {

    /**
     * Returns which database this is.
     *
     * @return PostgreSQL or H2
     */
    Dialect dialect();

    /**
     * Returns the JDBC URL of the database, with any password masked.
     *
     * @return the masked URL
     */
    String url();

    /**
     * Returns the user dbtest connects as.
     *
     * @return the user name
     */
    String username();

    /**
     * Returns the name of the database that holds this class's schema (one per distinct schema definition).
     *
     * @return the database name, such as {@code dbtest_3fa2c1d09b7e4a55}
     */
    String schemaName();
}
