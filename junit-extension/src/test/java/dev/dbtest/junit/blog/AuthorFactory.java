package dev.dbtest.junit.blog;

import dev.dbtest.fixtures.Draft;
import dev.dbtest.fixtures.Factory;

/** Defaults and traits for authors, as a user would write them. */
public class AuthorFactory extends Factory<Author> {

    @Override
    public void defaults(Draft<Author> author) {
        author.set("name", "Author " + author.sequence());
        author.set("active", true);
        author.set("role", Role.MEMBER);
    }

    public void admin(Draft<Author> author) {
        author.set("role", Role.ADMIN);
    }

    public void inactive(Draft<Author> author) {
        author.set("active", false);
    }
}
