package dev.dbtest.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Plain JDBC over a DataSource, the way much production code is written: it commits its own transactions. */
public final class UserRepository {

    private final DataSource dataSource;

    public UserRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Saves a user in a transaction of its own and returns it with its generated id. */
    public User save(String name, String email) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (name, email) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, name);
                insert.setString(2, email);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    long id = keys.getLong(1);
                    connection.commit();
                    return new User(id, name, email);
                }
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Registers a user unless the email is taken: the unique violation is caught and reported as "empty", the way
     * a service handles a form submitted twice.
     */
    public Optional<User> register(String name, String email) {
        try {
            return Optional.of(save(name, email));
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw new IllegalStateException(e);
        }
    }

    public List<User> findAll() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, name, email FROM users ORDER BY id")) {
            List<User> users = new ArrayList<>();
            while (rows.next()) {
                users.add(new User(rows.getLong("id"), rows.getString("name"), rows.getString("email")));
            }
            return users;
        }
    }
}
