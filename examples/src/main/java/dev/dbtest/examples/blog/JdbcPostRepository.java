package dev.dbtest.examples.blog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Posts through plain JDBC over a {@code DataSource}: what a small service without an ORM writes. */
public class JdbcPostRepository {

    private final DataSource dataSource;

    public JdbcPostRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Lists posts with their authors the naive way: one query for the posts, then one per post for its author. */
    public List<PostSummary> listNaively() throws SQLException {
        List<PostSummary> summaries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement posts = connection.prepareStatement("SELECT id, title, author_id FROM posts ORDER BY id");
             ResultSet rows = posts.executeQuery()) {
            while (rows.next()) {
                summaries.add(new PostSummary(rows.getLong(1), rows.getString(2), authorName(connection, rows.getLong(3))));
            }
        }
        return summaries;
    }

    private static String authorName(Connection connection, long id) throws SQLException {
        try (PreparedStatement author = connection.prepareStatement("SELECT name FROM authors WHERE id = ?")) {
            author.setLong(1, id);
            try (ResultSet row = author.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** Lists posts with their authors in one query. */
    public List<PostSummary> list() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT p.id, p.title, a.name FROM posts p JOIN authors a ON a.id = p.author_id ORDER BY p.id")) {
            return summaries(select);
        }
    }

    /** One page of posts (numbered from 1) with the total: a count, then the page. */
    public Page<PostSummary> paginate(int number, int size) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM posts");
                 ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT p.id, p.title, a.name FROM posts p "
                    + "JOIN authors a ON a.id = p.author_id ORDER BY p.id LIMIT ? OFFSET ?")) {
                select.setInt(1, size);
                select.setInt(2, (number - 1) * size);
                return new Page<>(summaries(select), number, size, total);
            }
        }
    }

    private static List<PostSummary> summaries(PreparedStatement select) throws SQLException {
        List<PostSummary> summaries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                summaries.add(new PostSummary(rows.getLong(1), rows.getString(2), rows.getString(3)));
            }
        }
        return summaries;
    }
}
