package dev.dbtest.examples.blog;

/** A line of a listing: a post's title and its author's name. */
public record PostSummary(long id, String title, String author) {
}
