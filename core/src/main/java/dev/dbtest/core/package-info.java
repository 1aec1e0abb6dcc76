/**
 * What every dbtest module shares: {@link dev.dbtest.core.Dialect} and {@link dev.dbtest.core.DbTestException}.
 *
 * <p>Everything under {@code dev.dbtest.core.internal} is implementation, not API, and may change in any release.
 */
package dev.dbtest.core;
