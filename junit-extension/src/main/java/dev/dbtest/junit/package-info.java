/**
 * The JUnit 5 extension: {@link dev.dbtest.junit.DatabaseTest} and {@link dev.dbtest.junit.TestDatabase}.
 *
 * <p>Everything under {@code dev.dbtest.junit.internal} is implementation, not API.
 */
package dev.dbtest.junit;
