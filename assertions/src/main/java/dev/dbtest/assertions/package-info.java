/**
 * {@code QueryLog} and AssertJ assertions on the SQL the code under test sent (issue 5; nothing public yet).
 */
package dev.dbtest.assertions;
