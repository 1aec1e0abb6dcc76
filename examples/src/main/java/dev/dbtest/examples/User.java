package dev.dbtest.examples;

/** A user of the example blog. */
public record User(long id, String name, String email) {
}
