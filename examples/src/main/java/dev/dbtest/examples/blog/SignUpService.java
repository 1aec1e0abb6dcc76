package dev.dbtest.examples.blog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/** Signs authors up: commits its own transactions, skips taken emails, and can work on another thread. */
public class SignUpService {

    private final DataSource dataSource;

    public SignUpService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Signs each author up in a transaction of its own; a taken email is skipped (the seed's IntegrityError). */
    public int signUpAll(List<String> emails) throws SQLException {
        int signedUp = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (String email : emails) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO authors (name, email, active, created_at) VALUES (?, ?, TRUE, ?)")) {
                    insert.setString(1, email.substring(0, email.indexOf('@')));
                    insert.setString(2, email);
                    insert.setObject(3, LocalDateTime.of(2024, 1, 1, 0, 0));
                    insert.executeUpdate();
                    connection.commit();
                    signedUp++;
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    connection.rollback(); // taken: forget this one, go on with the next
                }
            }
        }
        return signedUp;
    }

    /** Signs one author up on a thread of the service's own, as a background job would. */
    public void signUpInBackground(String email) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> done = executor.submit(() -> signUpAll(List.of(email)));
            done.get();
        } finally {
            executor.shutdown();
        }
    }
}
