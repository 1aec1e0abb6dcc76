/**
 * Assertions on the SQL the code under test sent: {@link dev.dbtest.assertions.QueryLog} (injected into
 * {@code @DatabaseTest} tests), {@link dev.dbtest.assertions.DbAssertions#assertThat(QueryLog)} in AssertJ style, and the
 * declarative {@link dev.dbtest.assertions.ExpectQueries} and {@link dev.dbtest.assertions.MaxQueries}.
 */
package dev.dbtest.assertions;
