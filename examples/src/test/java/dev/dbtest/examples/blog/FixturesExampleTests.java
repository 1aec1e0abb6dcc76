package dev.dbtest.examples.blog;

import dev.dbtest.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

// Teaches: the schema comes from the entities, fixtures fill it (authors made for the posts that need them),
// and every row is rolled back after the test; @BlogTest carries all of it.
@BlogTest
class FixturesExampleTests {

    @Test
    void postsWithTheirAuthorsAndComments(Fixtures fixtures, DataSource dataSource) throws SQLException {
        Author ann = fixtures.create(Author.class, a -> a.setName("Ann"));
        List<Post> posts = fixtures.createList(Post.class, 3, p -> p.setAuthor(ann));
        fixtures.createList(Comment.class, 2, c -> c.setPost(posts.get(0)));   // each with an author of its own

        assertThat(new JdbcPostRepository(dataSource).list()).extracting(PostSummary::author).containsOnly("Ann");
        assertThat(posts).allSatisfy(post -> assertThat(post.getId()).isNotNull());
    }

    @Test
    void startsFromEmptyTables(DataSource dataSource) throws SQLException {
        assertThat(new JdbcPostRepository(dataSource).list()).isEmpty();
    }
}
