package dev.dbtest.benchmarks;

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
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
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
 * {@code fixtures.createList(User.class, 10_000)} against a hand-written JDBC batch insert of the same rows, on
 * PostgreSQL in a container, the contenders interleaved round by round (the order rotating) in one run. Each insert
 * runs in a transaction that is rolled back, so every round starts from an empty table.
 *
 * <p>Two hand-written contenders: the plain batch (what a test's helper would write), and the batch that also reads
 * the generated ids back, which is the work {@code createList} does (it returns objects with their ids).
 *
 * <pre>
 * mvn -q -pl benchmarks -am install -DskipTests
 * mvn -q -pl benchmarks exec:java -Dbenchmark=FixturesBenchmark
 * </pre>
 */
public final class FixturesBenchmark {

    private static final int ROWS = 10_000;
    private static final int ROUNDS = 12; // the first is a warm-up and is not counted

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

    private interface Contender {
        void insert(Connection connection) throws SQLException;
    }

    private FixturesBenchmark() {
    }

    public static void main(String[] args) throws SQLException {
        String image = System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE", "postgres:16-alpine");
        SchemaModel model = EntityReader.read(List.of(User.class));
        try (PostgreSQLContainer postgres = new PostgreSQLContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off")) {
            postgres.start();
            try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
                    postgres.getPassword())) {
                try (Statement statement = connection.createStatement()) {
                    for (String ddl : DdlWriter.write(model, Dialect.POSTGRESQL)) {
                        statement.execute(ddl);
                    }
                }
                Map<String, Contender> contenders = new LinkedHashMap<>();
                contenders.put("dbtest createList", physical -> createList(physical, model));
                contenders.put("hand-written batch", physical -> handWritten(physical, false));
                contenders.put("hand-written batch, ids read back", physical -> handWritten(physical, true));
                // Not a contender: the Java side of createList alone (objects, defaults), to see where time goes.
                contenders.put("dbtest buildList (no SQL)", physical -> buildList(model));
                Map<String, List<Long>> samples = new LinkedHashMap<>();
                contenders.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
                List<String> names = new ArrayList<>(contenders.keySet());
                for (int round = 0; round < ROUNDS; round++) {
                    for (int i = 0; i < names.size(); i++) {
                        String name = names.get((round + i) % names.size());
                        connection.setAutoCommit(false);
                        long start = System.nanoTime();
                        contenders.get(name).insert(connection);
                        long micros = (System.nanoTime() - start) / 1_000;
                        connection.rollback();
                        check(connection);
                        if (round > 0) {
                            samples.get(name).add(micros);
                        }
                    }
                }
                report(image, samples);
            }
        }
    }

    private static void createList(Connection physical, SchemaModel model) throws SQLException {
        // What @DatabaseTest does for a test: pin the connection, open Fixtures on it. The scope is not closed here
        // (that would close the connection); the caller rolls back.
        TransactionScope scope = PinnedConnection.pin(physical, Dialect.POSTGRESQL, "FixturesBenchmark",
                StatementSavepoints.explicit());
        List<User> users = new FixtureSession(scope, Dialect.POSTGRESQL, model, Naming.JPA, List.of(),
                "FixturesBenchmark", "").createList(User.class, ROWS);
        if (users.get(ROWS - 1).id == null) {
            throw new IllegalStateException("no id written back");
        }
    }

    private static void buildList(SchemaModel model) {
        new FixtureSession(null, Dialect.POSTGRESQL, model, Naming.JPA, List.of(), "FixturesBenchmark", "")
                .buildList(User.class, ROWS);
    }

    private static void handWritten(Connection physical, boolean readIds) throws SQLException {
        String sql = "INSERT INTO users (name, email, active, createdAt) VALUES (?, ?, ?, ?)";
        LocalDateTime epoch = LocalDateTime.of(2024, 1, 1, 0, 0);
        try (PreparedStatement insert = readIds ? physical.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                : physical.prepareStatement(sql)) {
            for (int from = 0; from < ROWS; from += 1_000) {
                for (int n = from + 1; n <= from + 1_000; n++) {
                    insert.setString(1, "name-" + n);
                    insert.setString(2, "user-" + n + "@example.com");
                    insert.setBoolean(3, false);
                    insert.setObject(4, epoch.plusMinutes(n - 1));
                    insert.addBatch();
                }
                insert.executeBatch();
                if (readIds) {
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        while (keys.next()) {
                            keys.getLong(1);
                        }
                    }
                }
            }
        }
    }

    private static void check(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM users")) {
            count.next();
            if (count.getLong(1) != 0) {
                throw new IllegalStateException("the rollback left rows");
            }
        }
        connection.setAutoCommit(true);
    }

    private static void report(String image, Map<String, List<Long>> samples) {
        System.out.printf("%,d users inserted on PostgreSQL (%s), %d interleaved rounds after a warm-up:%n", ROWS,
                image, ROUNDS - 1);
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((name, micros) -> {
            List<Long> sorted = new ArrayList<>(micros);
            sorted.sort(null);
            double median = sorted.get(sorted.size() / 2) / 1000.0;
            medians.put(name, median);
            System.out.printf("  %-36s median %7.1f ms   min %7.1f ms   max %7.1f ms%n", name, median,
                    sorted.get(0) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
        });
        double dbtest = medians.get("dbtest createList");
        System.out.printf("  ratio dbtest / hand-written batch:                 %.2f (goal: at most 1.5)%n",
                dbtest / medians.get("hand-written batch"));
        System.out.printf("  ratio dbtest / hand-written batch, ids read back:  %.2f%n",
                dbtest / medians.get("hand-written batch, ids read back"));
    }
}
