package dev.dbtest.examples.blog;

import dev.dbtest.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

// Teaches: code that commits, rolls back after a unique violation and goes on, or works on its own thread,
// runs inside the test's transaction all the same: the test sees its rows, and nothing survives the test.
@BlogTest
class CommittingServiceExampleTests {

    @Test
    void aServiceThatCommitsAndSkipsATakenEmail(Fixtures fixtures, DataSource dataSource) throws SQLException {
        fixtures.create(Author.class, Map.of("email", "bea@example.com"));
        int signedUp = new SignUpService(dataSource).signUpAll(
                List.of("ann@example.com", "bea@example.com", "cid@example.com"));

        assertThat(signedUp).isEqualTo(2);                        // bea was taken; the transaction went on
        assertThat(emails(dataSource)).containsExactly("ann@example.com", "bea@example.com", "cid@example.com");
    }

    @Test
    void workOnAnotherThreadIsSeenAndRolledBack(DataSource dataSource) throws Exception {
        new SignUpService(dataSource).signUpInBackground("dan@example.com");

        assertThat(emails(dataSource)).containsExactly("dan@example.com");
    }

    @Test
    void nothingOfTheOtherTestsSurvived(DataSource dataSource) throws SQLException {
        assertThat(emails(dataSource)).isEmpty();
    }

    private static List<String> emails(DataSource dataSource) throws SQLException {
        try (var connection = dataSource.getConnection();
             var select = connection.prepareStatement("SELECT email FROM authors ORDER BY email");
             var rows = select.executeQuery()) {
            var emails = new java.util.ArrayList<String>();
            while (rows.next()) {
                emails.add(rows.getString(1));
            }
            return emails;
        }
    }
}
