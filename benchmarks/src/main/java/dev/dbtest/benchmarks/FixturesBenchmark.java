package dev.dbtest.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbtest.core.Dialect;
import dev.dbtest.core.internal.PinnedConnection;
import dev.dbtest.core.internal.StatementSavepoints;
import dev.dbtest.core.internal.TransactionScope;
import dev.dbtest.core.internal.schema.DdlWriter;
import dev.dbtest.core.internal.schema.EntityReader;
import dev.dbtest.core.internal.schema.Naming;
import dev.dbtest.core.internal.schema.SchemaModel;
import dev.dbtest.fixtures.internal.FixtureSession;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 8, part 3: 10,000 users with {@value #POSTS_PER_USER} posts each, made by {@code fixtures.createList}, by a
 * hand-written JDBC batch, and by a Hibernate {@code persist} loop, on one PostgreSQL server, the contenders
 * interleaved round by round (the order rotating). Each contender's work runs in a transaction that is rolled back, so
 * every round starts from empty tables.
 *
 * <pre>
 * mvn -q -pl benchmarks exec:exec@results -Dbenchmarks.args=only=fixtures
 * </pre>
 */
final class FixturesBenchmark {

    static final int POSTS_PER_USER = 2;
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);

    /** The user of the seed's blog. */
    @Entity
    @Table(name = "users")
    public static class User {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        @Column(nullable = false, length = 100)
        String name;

        @Column(nullable = false, unique = true)
        String email;

        boolean active;

        @Column(nullable = false)
        LocalDateTime createdAt;
    }

    /** A post of a user. */
    @Entity
    @Table(name = "posts")
    public static class Post {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        @ManyToOne(optional = false)
        User author;

        @Column(nullable = false, length = 200)
        String title;

        @Column(nullable = false)
        LocalDateTime createdAt;
    }

    private interface Contender {
        void insert(int users) throws SQLException;
    }

    private FixturesBenchmark() {
    }

    static String markdown(BenchServer server, boolean smoke) throws SQLException {
        int users = smoke ? 100 : 10_000;
        int rounds = smoke ? 1 : 9;
        int warmUp = smoke ? 0 : 1;
        SchemaModel model = EntityReader.read(List.of(User.class, Post.class));
        try (Connection admin = server.connect(server.url()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE bench_fixtures");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url("bench_fixtures"));
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config); Connection connection = pool.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                for (String ddl : DdlWriter.write(model, Dialect.POSTGRESQL)) {
                    statement.execute(ddl);
                }
            }
            EntityManagerFactory hibernate = new HibernatePersistenceConfiguration("fixtures")
                    .managedClasses(User.class, Post.class)
                    .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool)
                    .createEntityManagerFactory();
            try {
                Map<String, Contender> contenders = new LinkedHashMap<>();
                contenders.put("dbtest `createList`", n -> inRolledBackTransaction(connection,
                        () -> createList(connection, model, n)));
                contenders.put("hand-written JDBC batch", n -> inRolledBackTransaction(connection,
                        () -> handWritten(connection, n)));
                contenders.put("Hibernate `persist` loop", n -> persistLoop(hibernate, n));
                Map<String, List<Long>> samples = new LinkedHashMap<>();
                contenders.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
                List<String> names = new ArrayList<>(contenders.keySet());
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < names.size(); i++) {
                        String name = names.get((round + i) % names.size());
                        long start = System.nanoTime();
                        contenders.get(name).insert(users);
                        long nanos = System.nanoTime() - start;
                        checkEmpty(connection);
                        server.vacuum();
                        if (round >= warmUp) {
                            samples.get(name).add(nanos);
                        }
                    }
                    System.out.printf("fixtures: round %d of %d done%n", round + 1, rounds);
                }
                return report(users, rounds - warmUp, warmUp, samples);
            } finally {
                hibernate.close();
            }
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void inRolledBackTransaction(Connection connection, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static void createList(Connection physical, SchemaModel model, int users) throws SQLException {
        // What @DatabaseTest does for a test: pin the connection, open Fixtures on it. The scope is not closed here
        // (that would close the connection); the caller rolls back.
        TransactionScope scope = PinnedConnection.pin(physical, Dialect.POSTGRESQL, "FixturesBenchmark",
                StatementSavepoints.explicit());
        FixtureSession fixtures = new FixtureSession(scope, Dialect.POSTGRESQL, model, Naming.JPA, List.of(),
                "FixturesBenchmark", "");
        List<User> authors = fixtures.createList(User.class, users);
        List<Post> posts = fixtures.createList(Post.class, users * POSTS_PER_USER,
                (post, i) -> post.author = authors.get(i / POSTS_PER_USER));
        if (posts.get(posts.size() - 1).id == null || posts.get(0).author.id == null) {
            throw new IllegalStateException("no id written back");
        }
    }

    private static void handWritten(Connection physical, int users) throws SQLException {
        long[] ids = new long[users];
        try (PreparedStatement insert = physical.prepareStatement(
                "INSERT INTO users (name, email, active, createdAt) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            int next = 0;
            for (int from = 0; from < users; from += 1_000) {
                for (int n = from; n < Math.min(users, from + 1_000); n++) {
                    insert.setString(1, "name-" + n);
                    insert.setString(2, "user-" + n + "@example.com");
                    insert.setBoolean(3, false);
                    insert.setObject(4, EPOCH.plusMinutes(n));
                    insert.addBatch();
                }
                insert.executeBatch();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        ids[next++] = keys.getLong(1);
                    }
                }
            }
        }
        try (PreparedStatement insert = physical.prepareStatement(
                "INSERT INTO posts (author_id, title, createdAt) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            int posts = users * POSTS_PER_USER;
            for (int from = 0; from < posts; from += 1_000) {
                for (int n = from; n < Math.min(posts, from + 1_000); n++) {
                    insert.setLong(1, ids[n / POSTS_PER_USER]);
                    insert.setString(2, "title-" + n);
                    insert.setObject(3, EPOCH.plusMinutes(n));
                    insert.addBatch();
                }
                insert.executeBatch();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        keys.getLong(1);
                    }
                }
            }
        }
    }

    private static void persistLoop(EntityManagerFactory hibernate, int users) {
        EntityManager entityManager = hibernate.createEntityManager();
        try {
            entityManager.getTransaction().begin();
            for (int n = 0; n < users; n++) {
                User user = new User();
                user.name = "name-" + n;
                user.email = "user-" + n + "@example.com";
                user.createdAt = EPOCH.plusMinutes(n);
                entityManager.persist(user);
                for (int p = 0; p < POSTS_PER_USER; p++) {
                    Post post = new Post();
                    post.author = user;
                    post.title = "title-" + (n * POSTS_PER_USER + p);
                    post.createdAt = EPOCH.plusMinutes(n);
                    entityManager.persist(post);
                }
            }
            entityManager.flush();
        } finally {
            entityManager.getTransaction().rollback();
            entityManager.close();
        }
    }

    private static void checkEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM posts)")) {
            count.next();
            if (count.getLong(1) != 0) {
                throw new IllegalStateException("the rollback left rows");
            }
        }
    }

    private static String report(int users, int rounds, int warmUp, Map<String, List<Long>> samples) {
        StringBuilder out = new StringBuilder("## 3. Fixtures\n\n");
        out.append(String.format("%,d users with %d posts each (%,d rows), inserted in a transaction that is then "
                + "rolled back, %d rounds after %d of warm-up, the contenders interleaved. Every contender reads the "
                + "generated ids back (the posts need their authors' ids; `createList` returns objects with ids). "
                + "The entities use `IDENTITY` ids, so Hibernate sends one `INSERT` per row (it cannot batch them).%n%n",
                users, POSTS_PER_USER, users * (1 + POSTS_PER_USER), rounds, warmUp));
        out.append("| contender | ms, median | spread | ratio to the hand-written batch |\n|---|---:|---:|---:|\n");
        double batch = Samples.of(samples.get("hand-written JDBC batch"), 1e6).median();
        samples.forEach((name, nanos) -> {
            Samples ms = Samples.of(nanos, 1e6);
            out.append(String.format("| %s | %.1f | %s | %.2f |%n", name, ms.median(), ms.spread(1),
                    ms.median() / batch));
        });
        out.append("\nGoal:\n\n");
        IsolationBenchmark.goal(out, "dbtest `createList` at most 1.5 times the hand-written batch",
                Samples.of(samples.get("dbtest `createList`"), 1e6).median() / batch, "at most", 1.5);
        return out.toString();
    }

    public static void main(String[] args) throws SQLException {
        try (BenchServer server = new BenchServer()) {
            System.out.println(markdown(server, args.length > 0 && args[0].equals("smoke")));
        }
    }
}
