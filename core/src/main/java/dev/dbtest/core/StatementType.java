package dev.dbtest.core;

/**
 * What a captured statement does, read from its SQL without parsing it.
 *
 * <p>{@code WITH ... SELECT} is a SELECT and {@code WITH ... INSERT} an INSERT (the statement after the common table
 * expressions decides); {@code SELECT ... FOR UPDATE} and {@code VALUES} are SELECTs; {@code INSERT ... RETURNING} is an
 * INSERT; {@code MERGE} is an UPDATE (it changes rows, adding those it does not find); PostgreSQL's
 * {@code COPY ... FROM} is an INSERT and {@code COPY ... TO} a SELECT; {@code CREATE}, {@code ALTER}, {@code DROP},
 * {@code TRUNCATE}, {@code COMMENT}, {@code GRANT} and {@code REVOKE} are DDL; everything else ({@code CALL},
 * {@code SET}, {@code SHOW}, {@code EXPLAIN}, ...) is OTHER.
 *
 * @since 0.1
 */
public enum StatementType {
    SELECT, INSERT, UPDATE, DELETE, DDL, OTHER
}
