package dev.dbtest.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 8, part 1: the same suite of tests under each way of isolating them, side by side on one PostgreSQL server,
 * interleaved round by round (see {@link TimedRounds}). Each strategy's overhead is its time per test minus the time
 * of the same tests' work alone (auto-commit, no isolation); ratios are taken to dbtest's overhead.
 *
 * <pre>
 * mvn -q -pl benchmarks exec:exec@results -Dbenchmarks.only=isolation
 * </pre>
 */
final class IsolationBenchmark {

    /** The contenders, and what each stands for in the report. */
    private static final Map<Class<?>, String> SUITE = new LinkedHashMap<>();
    private static final Map<Class<?>, String> EMPTY = new LinkedHashMap<>();

    static {
        SUITE.put(IsolationCases.WorkAlone.class, "the work alone (auto-commit, no isolation)");
        SUITE.put(IsolationCases.Dbtest.class, "dbtest: per-test rollback");
        SUITE.put(IsolationCases.DbtestAutoCommitOff.class, "dbtest, the code's connection with auto-commit off (no "
                + "statement savepoints, as under Spring's transaction)");
        SUITE.put(IsolationCases.SpringTransactional.class, "Spring TestContext, `@Transactional` tests");
        SUITE.put(IsolationCases.Truncate.class, "`TRUNCATE` of the 20 tables after each test");
        SUITE.put(IsolationCases.Delete.class, "`DELETE FROM` the 20 tables after each test (one batch)");
        SUITE.put(IsolationCases.TemplateClone.class, "a database cloned from a template per test");
        SUITE.put(IsolationCases.RawFloor.class, "raw floor: begin, one savepoint, rollback");
        SUITE.put(IsolationCases.DbtestSitesAlways.class, "(not a contender) dbtest with `dbtest.leaks.sites=always`: "
                + "a stack walk at every `getConnection()`, as every run did before d4e5786");
        SUITE.put(IsolationCases.DbtestNoCallers.class, "(not a contender) dbtest with `dbtest.queries.callers=false`: "
                + "no stack walk for each statement's caller");
        EMPTY.put(IsolationCases.EmptyPlain.class, "plain JUnit");
        EMPTY.put(IsolationCases.EmptyDbtest.class, "dbtest");
        EMPTY.put(IsolationCases.EmptySpringTransactional.class, "Spring TestContext, `@Transactional`");
        EMPTY.put(IsolationCases.EmptyCallbacksOnly.class, "(not a contender) an extension with dbtest's seven "
                + "callbacks, each doing nothing: JUnit's own cost of calling them");
    }

    /**
     * The variants of dbtest's settings, each run in a launch of its own (dbtest reads its settings per launch), and
     * dbtest with its defaults in one too: each starts its rounds with a runtime of its own (its pool, its server
     * process), as the variants do, rather than sharing one with the dbtest row before it.
     */
    private static final Map<Class<?>, Map<String, String>> VARIANTS = Map.of(
            IsolationCases.Dbtest.class, Map.of(),
            IsolationCases.DbtestSitesAlways.class, Map.of("dbtest.leaks.sites", "always"),
            IsolationCases.DbtestNoCallers.class, Map.of("dbtest.queries.callers", "false"));

    private static final List<Class<?>> CLEANUPS = List.of(IsolationCases.Truncate.class, IsolationCases.Delete.class);

    private IsolationBenchmark() {
    }

    static String markdown(BenchServer server, boolean smoke) throws SQLException {
        int tests = smoke ? 5 : Integer.getInteger("bench.isolation.tests", 500);
        int emptyTests = tests * 10;
        // Every contender in the first rounds; the template clone (a quarter of a second a test) only there, the
        // others in more rounds after them, since their overheads are a few hundred µs against noise of as much.
        int warmUp = smoke ? 0 : 1;
        int withClone = smoke ? 1 : 3;
        int measured = smoke ? 1 : Math.max(Integer.getInteger("bench.isolation.rounds", 8), withClone - warmUp);
        int withoutClone = measured - (withClone - warmUp);
        // Then the contenders whose overheads are about a round trip (all but the two cleanups): tens of µs apart,
        // which eight rounds do not tell apart here (dbtest at 11.8 times the raw floor in one such run, about 2 in
        // runs of 30 and 40 rounds of nearly the same code).
        int cheapOnly = smoke ? 0 : Integer.getInteger("bench.isolation.more-rounds", 32);
        int emptyRounds = smoke ? 1 : 16; // the empty tests' rounds take seconds: many, after one of warm-up
        String only = System.getProperty("bench.isolation.only"); // a quicker run of some contenders, to profile
        server.createDatabase("bench_template", "isolation-schema.sql");
        Map<Class<?>, HikariDataSource> pools = new LinkedHashMap<>();
        Map<String, List<Long>> nanos;
        try {
            for (Class<?> contender : List.of(IsolationCases.WorkAlone.class, IsolationCases.SpringTransactional.class,
                    IsolationCases.Truncate.class, IsolationCases.Delete.class, IsolationCases.RawFloor.class)) {
                String database = "bench_" + contender.getSimpleName().toLowerCase(java.util.Locale.ROOT);
                server.createDatabase(database, "isolation-schema.sql");
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(server.url(database));
                config.setUsername(server.username());
                config.setPassword(server.password());
                config.setMaximumPoolSize(2);
                pools.put(contender, new HikariDataSource(config));
            }
            IsolationCases.pools = pools;
            IsolationCases.adminUrl = server.url();
            IsolationCases.username = server.username();
            IsolationCases.password = server.password();
            List<Class<?>> suite = new ArrayList<>(SUITE.keySet());
            List<Class<?>> empty = new ArrayList<>(EMPTY.keySet());
            if (only != null) {
                List<String> names = List.of(only.split(","));
                suite.removeIf(type -> !names.contains(type.getSimpleName()));
                empty.removeIf(type -> !names.contains(type.getSimpleName()));
            }
            Map<String, String> parameters = Map.of(
                    "dbtest.database", "url",
                    "dbtest.url", server.url(),
                    "dbtest.username", server.username(),
                    "dbtest.password", server.password(),
                    IsolationCases.TESTS, String.valueOf(tests),
                    IsolationCases.EMPTY_TESTS, String.valueOf(emptyTests));
            nanos = new LinkedHashMap<>();
            if (!suite.isEmpty()) {
                nanos.putAll(TimedRounds.run(suite, parameters, VARIANTS, withClone, warmUp, server::vacuum));
                suite.remove(IsolationCases.TemplateClone.class);
                if (withoutClone > 0 && !suite.isEmpty()) {
                    TimedRounds.run(suite, parameters, VARIANTS, withoutClone, 0, server::vacuum)
                            .forEach((name, samples) -> nanos.get(name).addAll(samples));
                }
                suite.removeAll(CLEANUPS);
                if (cheapOnly > 0 && !suite.isEmpty()) {
                    TimedRounds.run(suite, parameters, VARIANTS, cheapOnly, 0, server::vacuum)
                            .forEach((name, samples) -> nanos.get(name).addAll(samples));
                }
            }
            if (!empty.isEmpty()) {
                nanos.putAll(TimedRounds.run(empty, parameters, emptyRounds, warmUp, server::vacuum));
            }
        } finally {
            pools.values().forEach(HikariDataSource::close);
        }
        StringBuilder out = new StringBuilder();
        if (only != null) {
            nanos.forEach((name, samples) -> {
                double divisor = (name.startsWith("Empty") ? emptyTests : tests) * 1_000.0;
                out.append(String.format("%s: median %.1f µs per test, %s", name, Samples.of(samples, divisor)
                        .median(), Samples.of(samples, divisor).spread(1)));
                String empty = name.startsWith("Empty") ? "Empty" : "";
                List<Long> base = nanos.get(empty.isEmpty() ? "WorkAlone" : "EmptyPlain");
                List<Long> dbtest = nanos.get(empty + "Dbtest");
                if (base != null && dbtest != null && samples != base) {
                    int count = empty.isEmpty() ? tests : emptyTests;
                    List<Double> overheads = differences(samples, base, count);
                    out.append(String.format("; overhead %.1f µs, %.2f times dbtest's (medians of the rounds)",
                            median(overheads), ratio(overheads, differences(dbtest, base, count))));
                }
                out.append('\n');
            });
            return out.toString();
        }
        out.append("## 1. Isolation strategies\n\n");
        out.append(String.format("A suite of %d tests, each inserting %d rows into two of the %d tables of "
                + "`isolation-schema.sql` (a batch per table) and reading both tables back, checking it sees only its "
                + "own rows. Every strategy runs the same suite on the same server, each in a database of its own "
                + "(so that none cleans up after another), the strategies interleaved, their order rotating (the "
                + "first dbtest row and the two variants of its settings each in a JUnit launch of its own, as dbtest "
                + "reads its settings once per launch, so that each dbtest row starts its round afresh): all of "
                + "them in %d %s after %d of warm-up, then all but the template clone (a quarter of a second a test) "
                + "in %d more, %d measured rounds in all, then all but the two cleanups (`TRUNCATE`, `DELETE`) in %d "
                + "more, as their overheads lie tens of µs apart. Time per test: the suite's repeated test from "
                + "its start to its end (each test's `@BeforeEach` and `@AfterEach` included), divided by %d. "
                + "Overhead: per round, the strategy's time minus the work alone's in the same round; the table gives "
                + "the median of these differences and their smallest and largest. A ratio of overheads (the last "
                + "column, and the goals) is the median over the rounds of the two overheads' quotient in each "
                + "round, so that a slow phase of the machine, which falls on both, mostly cancels out (the ratio of "
                + "the medians where a round's divisor was not above zero).%n%n", tests, IsolationCases.ROWS,
                IsolationCases.TABLES, withClone - warmUp,
                withClone - warmUp == 1 ? "round" : "rounds", warmUp, withoutClone, measured, cheapOnly, tests));
        Map<String, List<Double>> suite = table(out, SUITE, nanos, tests);
        out.append(String.format("%nThe same with empty tests (no statement), to compare the frameworks' own cost: "
                + "%d tests per round, as each takes microseconds, in %d rounds of their own after %d of warm-up, "
                + "away from the database's heavy contenders:%n%n", emptyTests, emptyRounds - warmUp, warmUp));
        Map<String, List<Double>> empty = table(out, EMPTY, nanos, emptyTests);
        if (empty.containsKey("EmptyDbtest") && empty.containsKey("EmptyCallbacksOnly")) {
            double dbtestEmpty = median(empty.get("EmptyDbtest"));
            double callbacks = median(empty.get("EmptyCallbacksOnly"));
            if (callbacks > 0 && dbtestEmpty > callbacks) {
                out.append(String.format("%nOf dbtest's %.1f µs per empty test, %.1f µs are JUnit's calling of its "
                        + "callbacks (the last row) and %.1f µs its own work in them.%n", dbtestEmpty, callbacks,
                        dbtestEmpty - callbacks));
            }
        }
        List<Double> dbtest = suite.get("Dbtest");
        out.append("\nGoals (tests that insert and read):\n\n");
        ratioGoal(out, "dbtest's overhead at most 0.4 times Spring `@Transactional`'s", dbtest,
                suite.get("SpringTransactional"), "at most", 0.4);
        ratioGoal(out, "dbtest's overhead at most 1.5 times the raw floor's", dbtest, suite.get("RawFloor"), "at most",
                1.5);
        ratioGoal(out, "truncation's overhead at least 100 times dbtest's", suite.get("Truncate"), dbtest, "at least",
                100);
        ratioGoal(out, "the template clone's overhead at least 400 times dbtest's", suite.get("TemplateClone"), dbtest,
                "at least", 400);
        out.append(String.format("%nWith the code's auto-commit off, as under Spring's transaction (no statement "
                + "savepoints): dbtest's overhead is %.2f times Spring `@Transactional`'s. The difference to the first "
                + "row is what the savepoint each statement gets in (emulated) auto-commit mode costs, so that a "
                + "failing statement the code handles does not abort the test's transaction on PostgreSQL "
                + "(DESIGN.md, point 3); Spring's test transaction gives no such guarantee.%n",
                ratio(suite.get("DbtestAutoCommitOff"), suite.get("SpringTransactional"))));
        List<Double> sitesAlways = suite.get("DbtestSitesAlways");
        List<Double> noCallers = suite.get("DbtestNoCallers");
        if (sitesAlways != null && noCallers != null && !smoke) {
            out.append(String.format("%nWhat dbtest's stack walks cost this suite (the median over the rounds of the "
                    + "difference, in the same round): %.1f µs a test for the stack at every `getConnection()` "
                    + "(`dbtest.leaks.sites=always` against the default, which records it only from a run's first "
                    + "leak on), %.1f µs for the callers of the test's four statements (the default against "
                    + "`dbtest.queries.callers=false`).%n", median(minus(sitesAlways, dbtest)),
                    median(minus(dbtest, noCallers))));
        }
        out.append("\nGoal (empty tests, the frameworks' own cost: the issue's figure for Spring, about 420 µs, is its "
                + "overhead per empty test over plain JUnit):\n\n");
        ratioGoal(out, "dbtest's overhead at most 0.4 times Spring `@Transactional`'s", empty.get("EmptyDbtest"),
                empty.get("EmptySpringTransactional"), "at most", 0.4);
        return out.toString();
    }

    /**
     * Appends one row per contender; returns each contender's overheads over the table's first contender, one per round
     * (µs per test): the difference of the two in the same round, so that a slow phase of the machine, which falls on
     * every contender of a round, mostly cancels out.
     */
    private static Map<String, List<Double>> table(StringBuilder out, Map<Class<?>, String> contenders,
            Map<String, List<Long>> nanos, int tests) {
        String baseline = contenders.keySet().iterator().next().getSimpleName();
        String dbtestName = contenders.keySet().stream().map(Class::getSimpleName)
                .filter(name -> name.contains("Dbtest")).findFirst().orElseThrow();
        Map<String, List<Double>> overheads = new LinkedHashMap<>();
        contenders.keySet().forEach(type -> overheads.put(type.getSimpleName(),
                differences(nanos.get(type.getSimpleName()), nanos.get(baseline), tests)));
        out.append("| strategy | µs per test, median | spread | overhead, µs per test, median | its spread "
                + "| overhead / dbtest's, median |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        contenders.forEach((type, label) -> {
            String name = type.getSimpleName();
            Samples samples = Samples.of(nanos.get(name), tests * 1_000.0);
            boolean isBaseline = name.equals(baseline);
            Samples difference = Samples.of(overheads.get(name), 1);
            out.append(String.format("| %s | %.1f | %s | %s | %s | %s |%n", label, samples.median(), samples.spread(1),
                    isBaseline ? "" : String.format("%.1f", difference.median()),
                    isBaseline ? "" : difference.spread(1),
                    isBaseline ? "" : String.format("%.2f", ratio(overheads.get(name), overheads.get(dbtestName)))));
        });
        return overheads;
    }

    /** Per round: one overhead minus the other of the same round. */
    private static List<Double> minus(List<Double> overheads, List<Double> others) {
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(overheads.size(), others.size()); i++) {
            differences.add(overheads.get(i) - others.get(i));
        }
        return differences;
    }

    /** Per round: {@code mine} minus {@code theirs} of the same round, in µs per test. */
    private static List<Double> differences(List<Long> mine, List<Long> theirs, int tests) {
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
            differences.add((mine.get(i) - theirs.get(i)) / (tests * 1_000.0));
        }
        return differences;
    }

    /**
     * The median over the rounds both ran of one overhead divided by the other in the same round: the ratio that the
     * machine's slow phases disturb least, as both sides of each quotient ran side by side.
     */
    static double ratio(List<Double> overheads, List<Double> others) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(overheads.size(), others.size()); i++) {
            if (others.get(i) <= 0) {
                // A round where the divisor drowned in noise: its quotient would flip sign or explode, so the ratio
                // of the medians is given instead.
                return median(overheads.subList(0, Math.min(overheads.size(), others.size())))
                        / median(others.subList(0, Math.min(overheads.size(), others.size())));
            }
            ratios.add(overheads.get(i) / others.get(i));
        }
        return Samples.of(ratios, 1).median();
    }

    private static double median(List<Double> overheads) {
        return Samples.of(overheads, 1).median();
    }

    /** Whether this run is a smoke run, whose figures judge no goal. */
    static volatile boolean smoke;

    /**
     * A goal on the ratio of two overheads, the median of the per-round ratios: not judged when either overhead's
     * median is not above zero, since the noise was larger than the overhead itself there and the ratio says nothing.
     */
    static void ratioGoal(StringBuilder out, String goal, List<Double> overheads, List<Double> others,
            String direction, double bound) {
        double overhead = median(overheads);
        double other = median(others);
        if (overhead <= 0 || other <= 0) {
            out.append(String.format("- %s: not judged (%.1f µs against %.1f µs: an overhead not above zero is noise "
                    + "larger than the overhead)%n", goal, overhead, other));
            return;
        }
        goal(out, goal, ratio(overheads, others), direction, bound);
        int rounds = Math.min(overheads.size(), others.size());
        List<Double> quotients = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            quotients.add(others.get(i) > 0 ? overheads.get(i) / others.get(i) : Double.NaN);
        }
        if (!smoke && quotients.stream().noneMatch(q -> q.isNaN()) && rounds >= 4) {
            List<Double> sorted = quotients.stream().sorted().toList();
            out.append(String.format("  (the quotient in the middle half of the %d rounds: %.2f to %.2f)%n", rounds,
                    sorted.get(rounds / 4), sorted.get((3 * rounds - 1) / 4)));
        }
    }

    static void goal(StringBuilder out, String goal, double figure, String direction, double bound) {
        boolean met = direction.equals("at most") ? figure <= bound : figure >= bound;
        out.append(String.format("- %s: **%.2f**, %s%n", goal, figure,
                smoke ? "not judged (smoke run)" : met ? "met" : "**missed**"));
    }
}
