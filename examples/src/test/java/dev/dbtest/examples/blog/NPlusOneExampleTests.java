package dev.dbtest.examples.blog;

import dev.dbtest.assertions.QueryLog;
import dev.dbtest.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import javax.sql.DataSource;

import static dev.dbtest.assertions.DbAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

// Teaches: catching an N+1 in plain JDBC: the naive listing runs one SELECT per post and fails
// hasNoRepeatedSelects(); the join does it in one.
@BlogTest
class NPlusOneExampleTests {

    @Test
    void theNaiveListingRunsOneSelectPerPost(Fixtures fixtures, DataSource dataSource, QueryLog queries) {
        fixtures.createList(Post.class, 5);                       // fixtures are not counted
        QueryLog listing = queries.during(() -> new JdbcPostRepository(dataSource).listNaively());

        assertThatThrownBy(() -> assertThat(listing).hasNoRepeatedSelects())
                .hasMessageContaining("SELECT name FROM authors WHERE id = ?\n    ran 5 times");
    }

    @Test
    void theJoinListsThemInOneSelect(Fixtures fixtures, DataSource dataSource, QueryLog queries) throws SQLException {
        fixtures.createList(Post.class, 5);
        new JdbcPostRepository(dataSource).list();

        assertThat(queries).hasSelectCount(1).hasNoRepeatedSelects();
    }
}
