package dev.dbtest.junit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Small JDBC helpers for the test cases: what code under test would do, written once. */
final class Rows {

    private Rows() {
    }

    static void insertItem(Connection connection, int id, String name) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        }
    }

    static void insertItem(DataSource dataSource, int id, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insertItem(connection, id, name);
        }
    }

    static List<String> itemNames(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM items ORDER BY id")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    static List<String> itemNames(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return itemNames(connection);
        }
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
