package dev.dbtest.examples.blog;

import dev.dbtest.junit.DatabaseTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The blog's tests in one annotation: the database, the schema from the entities, the per-test rollback. Write
 * {@code @BlogTest} on a test class instead of repeating the entity list.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DatabaseTest(entities = {Author.class, Post.class, Comment.class, Tag.class})
public @interface BlogTest {
}
