package dev.dbtest.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        System.out.println("placement: " + Pinning.describe(Pinning.pinThisJvm()));
        for (boolean h2 : new boolean[] {false, true}) {
            Measured measured = measure(h2, false);
            System.out.printf("one prepared primary-key SELECT on %s, %d interleaved rounds of %d after "
                    + "%d warm-up rounds:%n", where(h2), measured.rounds(), BLOCK, measured.warmUp());
            measured.micros().forEach((name, values) -> System.out.printf(
                    "  %-22s median %7.2f µs   min %7.2f µs   max %7.2f µs   ratio to raw %.2f%n", name,
                    median(values), min(values), max(values), measured.ratio(name)));
        }
    }

    /** Each contender's time per SELECT in every round (µs), in the contenders' order. */
    record Measured(int warmUp, int rounds, Map<String, List<Double>> micros) {

        /** The median over the rounds of the contender's time divided by the raw connection's in the same round. */
        double ratio(String name) {
            List<Double> raw = micros.get("raw");
            List<Double> values = micros.get(name);
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < values.size(); round++) {
                ratios.add(values.get(round) / raw.get(round));
            }
            return median(ratios);
        }
    }

    /** Runs the contenders interleaved, on PostgreSQL or (with {@code h2}) embedded H2; smoke is two short rounds. */
    static Measured measure(boolean h2, boolean smoke) throws SQLException {
        int warmUp = smoke ? 0 : WARM_UP_ROUNDS;
        int rounds = smoke ? 2 : ROUNDS;
        int block = smoke ? 5 : BLOCK;
        try (CaptureContenders contenders = new CaptureContenders(h2)) {
            List<String> names = contenders.names();
            Map<String, List<Double>> micros = new LinkedHashMap<>();
            names.forEach(name -> micros.put(name, new ArrayList<>()));
            for (int round = 0; round < warmUp + rounds; round++) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((round + i) % names.size());
                    Connection connection = contenders.use(name);
                    // Untimed: a handle's first statement after another handle's may set a savepoint of its own
                    // (the commit point of auto-commit off), which is not the cost of the statements measured.
                    contenders.select(connection);
                    long start = System.nanoTime();
                    for (int n = 0; n < block; n++) {
                        contenders.select(connection);
                    }
                    double perSelect = (System.nanoTime() - start) / 1_000.0 / block;
                    contenders.clearLogs();
                    if (round >= warmUp) {
                        micros.get(name).add(perSelect);
                    }
                }
            }
            return new Measured(warmUp, rounds, micros);
        }
    }

    /**
     * The report's second view of statement capture: the same contenders as the JMH run, interleaved, each ratio the
     * median of the rounds' ratios, on PostgreSQL and, to show the cost of capture without a network, on H2.
     */
    static String markdown(boolean smoke) throws SQLException {
        StringBuilder out = new StringBuilder();
        Measured postgres = measure(false, smoke);
        Measured h2 = measure(true, smoke);
        out.append(String.format(Locale.ROOT, "Interleaved (`CaptureOverheadBenchmark`): the same contenders, and "
                + "more to tell the parts of the cost apart, take turns in blocks of %d SELECTs, %d rounds "
                + "after %d of warm-up, the order rotating; a contender's ratio is the median over the rounds of "
                + "its block's time divided by the raw connection's block in the same round, so that the machine's "
                + "slow phases fall on both. All but the second connection and the two through the published port "
                + "are layers over one pooled connection, so over one server process, and each block follows one "
                + "untimed SELECT of its own. On PostgreSQL, and on embedded H2, where no network hides the "
                + "capture's own cost.%n%n", smoke ? 5 : BLOCK, postgres.rounds(), postgres.warmUp()));
        out.append("| contender | PostgreSQL µs, median | ratio to raw | H2 µs, median | ratio to raw |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (String name : postgres.micros().keySet()) {
            boolean onH2 = h2.micros().containsKey(name);
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %s | %s |%n", label(name),
                    median(postgres.micros().get(name)), postgres.ratio(name),
                    onH2 ? String.format(Locale.ROOT, "%.2f", median(h2.micros().get(name))) : "",
                    onH2 ? String.format(Locale.ROOT, "%.2f", h2.ratio(name)) : ""));
        }
        out.append("\nGoal, judged on this interleaved run too:\n\n");
        IsolationBenchmark.goal(out, "dbtest at most 1.10 times raw (interleaved, PostgreSQL)",
                postgres.ratio("dbtest"), "at most", 1.10);
        return out.toString();
    }

    private static String label(String name) {
        return switch (name) {
            case "raw" -> "raw pooled connection";
            case "dbtest" -> "dbtest's handle";
            case "dbtest, auto-commit" -> "dbtest's handle in (emulated) auto-commit mode";
            case "dbtest, callers off" -> "dbtest's handle, `dbtest.queries.callers=false` (no stack walk)";
            case "datasource-proxy" -> "datasource-proxy";
            case "(dbtest, capture off)" -> "(not a contender) dbtest's handle, nothing captured";
            case "(raw, a second connection)" ->
                    "(not a contender) a second connection, raw: how much two connections differ";
            case "(raw, published port)" -> "(not a contender) a raw connection through the port Docker published "
                    + "(its port proxy), as plain Testcontainers code connects";
            case "(dbtest, auto-commit, published port)" -> "(not a contender) dbtest's handle in (emulated) "
                    + "auto-commit mode through the published port";
            default -> name;
        };
    }

    private static String where(boolean h2) {
        return h2 ? "embedded H2 (no network: the cost of capture alone)"
                : "PostgreSQL (" + System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE", "postgres:16-alpine") + ")";
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
