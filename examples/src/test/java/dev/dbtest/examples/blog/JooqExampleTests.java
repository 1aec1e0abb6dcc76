package dev.dbtest.examples.blog;

import dev.dbtest.assertions.QueryLog;
import dev.dbtest.core.Dialect;
import dev.dbtest.fixtures.Fixtures;
import dev.dbtest.junit.TestDatabase;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static dev.dbtest.assertions.DbAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

// Teaches: jOOQ's DSLContext over dbtest's DataSource, with the dialect of the database the test runs on; the
// examples build runs this class (and JpaExampleTests) twice, on PostgreSQL and on H2 (execution on-h2 in pom.xml).
@BlogTest
class JooqExampleTests {

    private JooqTagRepository tags;
    private List<Post> posts;

    @BeforeEach
    void threePosts(DataSource dataSource, TestDatabase database, Fixtures fixtures) {
        SQLDialect dialect = database.dialect() == Dialect.POSTGRESQL ? SQLDialect.POSTGRES : SQLDialect.H2;
        tags = new JooqTagRepository(DSL.using(dataSource, dialect));
        posts = fixtures.createList(Post.class, 3, (post, i) -> post.setTitle("Post " + (i + 1)));
    }

    @Test
    void tagsPostsCreatingEachTagOnce(QueryLog queries) {
        tags.tag(posts.get(0).getId(), "java");
        tags.tag(posts.get(1).getId(), "java");                  // the tag exists: the insert does nothing
        tags.tag(posts.get(1).getId(), "sql");

        assertThat(tags.titlesTagged("java")).containsExactly("Post 1", "Post 2");
        assertThat(tags.usage()).containsExactly(Map.entry("java", 2), Map.entry("sql", 1));
        // A new tag: look it up, insert it, read its id, insert the join row; a known tag: look it up, join row.
        assertThat(queries).hasInsertCount(5).hasSelectCount(7);
    }

    @Test
    void removesTheTagsNoPostUses(Fixtures fixtures) {
        fixtures.create(Tag.class, Map.of("name", "unused"));
        tags.tag(posts.get(2).getId(), "kept");

        assertThat(tags.removeUnused()).isEqualTo(1);
        assertThat(tags.usage()).containsOnlyKeys("kept");
    }

    @Test
    void nothingOfTheOtherTestsSurvived() {
        assertThat(tags.usage()).isEmpty();                       // only this test's three untagged posts exist
    }
}
