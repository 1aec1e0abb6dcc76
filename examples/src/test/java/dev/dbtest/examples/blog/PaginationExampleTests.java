package dev.dbtest.examples.blog;

import dev.dbtest.assertions.ExpectQueries;
import dev.dbtest.fixtures.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

// Teaches: the seed's paginate, checked for its results and for its cost: @ExpectQueries says the count runs
// once and the page once, whatever page is asked for.
@BlogTest
class PaginationExampleTests {

    @BeforeEach
    void twentyThreePosts(Fixtures fixtures) {
        fixtures.createList(Post.class, 23, (post, i) -> post.setTitle("Post " + (i + 1)));
    }

    @Test
    @ExpectQueries(select = 2)
    void theFirstPage(DataSource dataSource) throws SQLException {
        Page<PostSummary> page = new JdbcPostRepository(dataSource).paginate(1, 10);

        assertThat(page.items()).extracting(PostSummary::title).startsWith("Post 1", "Post 2").hasSize(10);
        assertThat(page.total()).isEqualTo(23);
        assertThat(page.pages()).isEqualTo(3);
    }

    @Test
    @ExpectQueries(select = 2)
    void theLastPageIsShort(DataSource dataSource) throws SQLException {
        Page<PostSummary> page = new JdbcPostRepository(dataSource).paginate(3, 10);

        assertThat(page.items()).extracting(PostSummary::title).containsExactly("Post 21", "Post 22", "Post 23");
    }
}
