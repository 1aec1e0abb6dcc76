package dev.dbtest.core;

/**
 * The databases dbtest runs tests on, with the behaviours that make them differ inside a test transaction.
 *
 * @since 0.1
 */
public enum Dialect {

    /** PostgreSQL: DDL is transactional; a failed statement aborts the whole transaction until a rollback. */
    POSTGRESQL("PostgreSQL", true, true),

    /** H2 (embedded, in PostgreSQL mode): DDL commits implicitly; a failed statement leaves the transaction usable. */
    H2("H2", false, false);

    private final String displayName;
    private final boolean transactionalDdl;
    private final boolean failedStatementAbortsTransaction;

    Dialect(String displayName, boolean transactionalDdl, boolean failedStatementAbortsTransaction) {
        this.displayName = displayName;
        this.transactionalDdl = transactionalDdl;
        this.failedStatementAbortsTransaction = failedStatementAbortsTransaction;
    }

    /**
     * Returns the product name, as users write it.
     *
     * @return {@code "PostgreSQL"} or {@code "H2"}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Tells whether DDL ({@code CREATE}, {@code ALTER}, {@code DROP}, ...) can run inside a transaction and be rolled back.
     *
     * @return {@code true} for PostgreSQL, {@code false} for H2, which commits before every DDL statement
     */
    public boolean transactionalDdl() {
        return transactionalDdl;
    }

    /**
     * Tells whether one failed statement leaves the transaction unusable until it is rolled back
     * (PostgreSQL's "current transaction is aborted, commands ignored until end of transaction block").
     *
     * @return {@code true} for PostgreSQL, {@code false} for H2
     */
    public boolean failedStatementAbortsTransaction() {
        return failedStatementAbortsTransaction;
    }

    /**
     * Finds the dialect of a JDBC product name, as {@code DatabaseMetaData.getDatabaseProductName()} reports it.
     *
     * @param productName the product name, such as {@code "PostgreSQL"} or {@code "H2"}
     * @return the dialect
     * @throws DbTestException when dbtest does not support the database
     */
    public static Dialect fromProductName(String productName) {
        if ("PostgreSQL".equalsIgnoreCase(productName)) {
            return POSTGRESQL;
        }
        if ("H2".equalsIgnoreCase(productName)) {
            return H2;
        }
        throw new DbTestException("dbtest does not support the database '" + productName + "': it runs tests on PostgreSQL and H2. "
                + "Point dbtest.url at a PostgreSQL database, or leave dbtest.database at 'auto'.");
    }
}
