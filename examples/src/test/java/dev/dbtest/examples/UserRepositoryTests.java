package dev.dbtest.examples;

import dev.dbtest.junit.DatabaseTest;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

// Teaches: the whole of dbtest in one class. A repository that commits is tested against a real database,
// and nothing it wrote survives the test, so every test starts from an empty table.
@DatabaseTest(scripts = "classpath:schema.sql")
class UserRepositoryTests {

    @Test
    void savesAUserAndCommits(DataSource dataSource) throws SQLException {
        var users = new UserRepository(dataSource);
        users.save("Ann", "ann@example.com");             // commits: still rolled back after the test
        assertThat(users.findAll()).extracting(User::email).containsExactly("ann@example.com");
    }

    @Test
    void startsFromAnEmptyTable(DataSource dataSource) throws SQLException {
        assertThat(new UserRepository(dataSource).findAll()).isEmpty();
    }

    @Test
    void aTakenEmailIsRefusedAndTheTransactionGoesOn(DataSource dataSource) throws SQLException {
        var users = new UserRepository(dataSource);
        assertThat(users.register("Ann", "ann@example.com")).isPresent();
        assertThat(users.register("Another Ann", "ann@example.com")).isEmpty();
        assertThat(users.register("Bob", "bob@example.com")).isPresent();
        assertThat(users.findAll()).extracting(User::name).containsExactly("Ann", "Bob");
    }
}
