package dev.dbtest.benchmarks;

import dev.dbtest.core.Dialect;
import dev.dbtest.core.internal.schema.DdlWriter;
import dev.dbtest.core.internal.schema.SchemaModel;
import dev.dbtest.core.internal.schema.SchemaModel.Column;
import dev.dbtest.core.internal.schema.SchemaModel.ColumnType;
import dev.dbtest.core.internal.schema.SchemaModel.ForeignKey;
import dev.dbtest.core.internal.schema.SchemaModel.Table;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How long building the schema of 100 generated entities (5 to 15 columns each, foreign keys between them) takes on
 * PostgreSQL: a fresh database, the DDL written and run in one transaction, as dbtest does for a new schema key.
 *
 * <pre>
 * mvn -q -pl benchmarks -am install -DskipTests
 * mvn -q -pl benchmarks exec:java -Dbenchmark=SchemaBuildBenchmark
 * </pre>
 */
public final class SchemaBuildBenchmark {

    private static final int ENTITIES = 100;
    private static final int RUNS = 11;
    private static final ColumnType.Kind[] KINDS = {ColumnType.Kind.VARCHAR, ColumnType.Kind.INTEGER,
            ColumnType.Kind.BIGINT, ColumnType.Kind.BOOLEAN, ColumnType.Kind.NUMERIC, ColumnType.Kind.DATE,
            ColumnType.Kind.TIMESTAMP, ColumnType.Kind.UUID};

    private SchemaBuildBenchmark() {
    }

    public static void main(String[] args) throws SQLException {
        SchemaModel model = generate(new Random(42));
        String image = System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE", "postgres:16-alpine");
        try (PostgreSQLContainer postgres = new PostgreSQLContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off")) {
            postgres.start();
            List<Long> micros = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                String database = "schema_" + run;
                long start = System.nanoTime();
                try (Connection admin = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
                        postgres.getPassword()); Statement statement = admin.createStatement()) {
                    statement.execute("CREATE DATABASE " + database);
                }
                String url = postgres.getJdbcUrl().replace("/" + postgres.getDatabaseName(), "/" + database);
                try (Connection connection = DriverManager.getConnection(url, postgres.getUsername(),
                        postgres.getPassword()); Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(false);
                    for (String ddl : DdlWriter.write(model, Dialect.POSTGRESQL)) {
                        statement.execute(ddl);
                    }
                    connection.commit();
                }
                micros.add((System.nanoTime() - start) / 1_000);
            }
            List<Long> measured = new ArrayList<>(micros.subList(1, micros.size())); // the first warms up the JIT
            measured.sort(null);
            int statements = DdlWriter.write(model, Dialect.POSTGRESQL).size();
            System.out.printf("schema of %d entities (%d statements) on PostgreSQL (%s): median %.1f ms, "
                    + "min %.1f ms, max %.1f ms over %d builds (CREATE DATABASE included)%n", ENTITIES, statements,
                    image, measured.get(measured.size() / 2) / 1000.0, measured.get(0) / 1000.0,
                    measured.get(measured.size() - 1) / 1000.0, measured.size());
        }
    }

    /** 100 tables of 5 to 15 columns; each after the first has one or two foreign keys to earlier tables. */
    static SchemaModel generate(Random random) {
        List<Table> tables = new ArrayList<>();
        for (int t = 0; t < ENTITIES; t++) {
            List<Column> columns = new ArrayList<>();
            columns.add(new Column("id", ColumnType.of(ColumnType.Kind.BIGINT), false, false, true, ""));
            List<ForeignKey> foreignKeys = new ArrayList<>();
            int references = t == 0 ? 0 : 1 + random.nextInt(2);
            for (int r = 0; r < references; r++) {
                String column = "ref" + r + "_id";
                columns.add(new Column(column, ColumnType.of(ColumnType.Kind.BIGINT), r > 0, false, false, ""));
                foreignKeys.add(new ForeignKey(column, "entity" + random.nextInt(t), "id"));
            }
            int total = 5 + random.nextInt(11);
            while (columns.size() < total) {
                ColumnType.Kind kind = KINDS[random.nextInt(KINDS.length)];
                columns.add(new Column("field" + columns.size(), new ColumnType(kind, 255, 12, 2), true, false, false,
                        ""));
            }
            tables.add(new Table("entity" + t, null, columns, List.of("id"), foreignKeys, List.of(), List.of()));
        }
        return new SchemaModel(tables, List.of());
    }
}
