package dev.dbtest.examples;

import dev.dbtest.junit.DatabaseTest;
import dev.dbtest.junit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.sql.SQLException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

// Teaches: build a repository (or an EntityManagerFactory) once per class from the DataSource given to @BeforeAll;
// it works inside every test's transaction, and rows made in @BeforeAll are shared by the tests, then rolled back.
// Its @BeforeAll writes rows for all its tests, so its tests share one connection: one at a time, also when the
// suite runs in parallel (mvn -Pforks); other classes still run beside it.
@Execution(ExecutionMode.SAME_THREAD)
@DatabaseTest(scripts = "classpath:schema.sql")
class SharedRepositoryTests {

    static UserRepository users;

    @BeforeAll
    static void createRepositoryAndAdmin(DataSource dataSource, TestDatabase database) throws SQLException {
        System.out.println("SharedRepositoryTests run on " + database);
        users = new UserRepository(dataSource);
        users.save("Admin", "admin@example.com");
    }

    @Test
    void seesTheAdminAndItsOwnUser() throws SQLException {
        users.save("Ann", "ann@example.com");
        assertThat(users.findAll()).extracting(User::name).containsExactly("Admin", "Ann");
    }

    @Test
    void seesOnlyTheAdmin() throws SQLException {
        assertThat(users.findAll()).extracting(User::name).containsExactly("Admin");
    }
}
