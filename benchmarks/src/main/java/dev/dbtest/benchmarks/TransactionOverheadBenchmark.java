package dev.dbtest.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-test cost of dbtest's transaction on PostgreSQL: {@value OverheadCases#TESTS} tests with dbtest, the same
 * tests with plain JUnit, and the raw floor (plain JUnit plus a pooled connection, {@code autoCommit} off, one
 * {@code SAVEPOINT} and {@code rollback()} per test), run interleaved in one JVM, in rotating order, on one PostgreSQL
 * container. Each test is timed from the start to the end of its repeated-test container, which includes every
 * invocation's {@code beforeEach} and {@code afterEach} but not the run's start-up.
 *
 * <pre>
 * mvn -q -pl benchmarks -am install -DskipTests
 * mvn -q -pl benchmarks exec:java -Dexec.args="15"     # rounds (default 11, the first 3 are warm-up)
 * </pre>
 * The image is {@code DBTEST_POSTGRES_IMAGE} (default {@code postgres:16-alpine}).
 */
public final class TransactionOverheadBenchmark {

    private static final int WARM_UP_ROUNDS = 3;
    private static final List<Class<?>> CONTENDERS = List.of(
            OverheadCases.DbtestEmpty.class, OverheadCases.PlainEmpty.class, OverheadCases.RawFloorEmpty.class,
            OverheadCases.DbtestSelect.class, OverheadCases.PlainSelect.class, OverheadCases.RawFloorSelect.class);

    private TransactionOverheadBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        String image = System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE", "postgres:16-alpine");
        try (PostgreSQLContainer postgres = new PostgreSQLContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off")) {
            postgres.start();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl());
            config.setUsername(postgres.getUsername());
            config.setPassword(postgres.getPassword());
            config.setMaximumPoolSize(4);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                OverheadCases.pool = pool;
                Map<String, List<Long>> nanos = TimedRounds.run(CONTENDERS, Map.of(
                        "dbtest.database", "url",
                        "dbtest.url", postgres.getJdbcUrl(),
                        "dbtest.username", postgres.getUsername(),
                        "dbtest.password", postgres.getPassword()), rounds, WARM_UP_ROUNDS);
                report(image, rounds, nanos);
            }
        }
    }

    private static void report(String image, int rounds, Map<String, List<Long>> nanos) {
        Map<String, double[]> perTest = new LinkedHashMap<>();
        for (Class<?> contender : CONTENDERS) {
            List<Long> samples = new ArrayList<>(nanos.get(contender.getSimpleName()));
            samples.sort(Comparator.naturalOrder());
            double median = samples.get(samples.size() / 2) / 1_000.0 / OverheadCases.TESTS;
            double min = samples.get(0) / 1_000.0 / OverheadCases.TESTS;
            double max = samples.get(samples.size() - 1) / 1_000.0 / OverheadCases.TESTS;
            perTest.put(contender.getSimpleName(), new double[] {median, min, max});
        }
        System.out.printf("%nPostgreSQL (%s), %d tests per contender, %d measured rounds, %d cores, Java %s%n",
                image, OverheadCases.TESTS, rounds - WARM_UP_ROUNDS, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf("%-16s %12s %20s%n", "contender", "µs per test", "min - max");
        perTest.forEach((name, stats) -> System.out.printf("%-16s %12.1f %9.1f - %-9.1f%n", name, stats[0], stats[1],
                stats[2]));
        for (String kind : List.of("Empty", "Select")) {
            double plain = perTest.get("Plain" + kind)[0];
            double dbtest = perTest.get("Dbtest" + kind)[0] - plain;
            double floor = perTest.get("RawFloor" + kind)[0] - plain;
            System.out.printf("%ntests %s: overhead over plain JUnit: dbtest %.1f µs, raw floor %.1f µs; "
                    + "dbtest / raw floor = %.2f%n", kind.equals("Empty") ? "that send nothing" : "that run SELECT 1",
                    dbtest, floor, dbtest / floor);
        }
    }
}
