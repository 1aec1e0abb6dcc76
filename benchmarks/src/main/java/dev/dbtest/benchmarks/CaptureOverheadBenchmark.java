package dev.dbtest.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link CaptureContenders} interleaved in one run: in each round every contender runs a block of SELECTs, the
 * order rotating from round to round, so that the machine's noise falls on all of them alike. Reports each
 * contender's median time per SELECT over the rounds, and the median over the rounds of its ratio to the raw
 * connection in the same round (neighbours in time, so slow phases of the machine cancel out).
 *
 * <pre>
 * mvn -q -pl benchmarks -am install -DskipTests
 * mvn -q -pl benchmarks exec:java -Dbenchmark=CaptureOverheadBenchmark
 * </pre>
 */
public final class CaptureOverheadBenchmark {

    private static final int WARM_UP_ROUNDS = 10;
    private static final int ROUNDS = 100;
    private static final int BLOCK = 200;

    private CaptureOverheadBenchmark() {
    }

    public static void main(String[] args) throws SQLException {
        run(false);
        run(true);
    }

    private static void run(boolean h2) throws SQLException {
        try (CaptureContenders contenders = new CaptureContenders(h2)) {
            List<String> names = new ArrayList<>(contenders.connections().keySet());
            Map<String, List<Double>> micros = new LinkedHashMap<>();
            names.forEach(name -> micros.put(name, new ArrayList<>()));
            for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((round + i) % names.size());
                    Connection connection = contenders.connections().get(name);
                    long start = System.nanoTime();
                    for (int n = 0; n < BLOCK; n++) {
                        contenders.select(connection);
                    }
                    double perSelect = (System.nanoTime() - start) / 1_000.0 / BLOCK;
                    contenders.clearLogs();
                    if (round >= WARM_UP_ROUNDS) {
                        micros.get(name).add(perSelect);
                    }
                }
            }
            System.out.printf("one prepared primary-key SELECT on %s, %d interleaved rounds of %d after "
                    + "%d warm-up rounds:%n", h2 ? "embedded H2 (no network: the cost of capture alone)"
                    : "PostgreSQL (" + System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE", "postgres:16-alpine") + ")",
                    ROUNDS, BLOCK, WARM_UP_ROUNDS);
            List<Double> raw = micros.get("raw");
            micros.forEach((name, values) -> {
                List<Double> sorted = new ArrayList<>(values);
                sorted.sort(null);
                List<Double> ratios = new ArrayList<>();
                for (int round = 0; round < values.size(); round++) {
                    ratios.add(values.get(round) / raw.get(round));
                }
                System.out.printf("  %-22s median %7.2f µs   min %7.2f µs   max %7.2f µs   ratio to raw %.2f%n", name,
                        median(values), sorted.get(0), sorted.get(sorted.size() - 1), median(ratios));
            });
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
