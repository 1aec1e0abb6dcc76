package dev.dbtest.junit.internal;

import dev.dbtest.assertions.internal.QueryAnalysis;
import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.StatementType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queries of every test of the run, written after it to {@code queries.json} (for machines) and
 * {@code queries.md} (for people: counts by type, N+1 suspects, the slowest statements), so a CI job can publish them.
 */
final class QueryReport {

    private static final Logger LOG = LoggerFactory.getLogger(QueryReport.class);

    private record Test(String testClass, String test, Map<StatementType, Integer> counts,
            List<QueryAnalysis.Repeated> suspects, List<CapturedStatement> slowest, int total) {
    }

    private final Path directory;
    private final List<Test> tests = new ArrayList<>();

    QueryReport(Path directory) {
        this.directory = directory;
    }

    /** The counts of a test that sent nothing, shared: such a test needs no analysis. */
    private static final Map<StatementType, Integer> NONE =
            java.util.Collections.unmodifiableMap(QueryAnalysis.countsByType(List.of())); // in the order of the types

    void add(String testClass, String test, List<CapturedStatement> statements) {
        Test analysed = statements.isEmpty() ? new Test(testClass, test, NONE, List.of(), List.of(), 0)
                : new Test(testClass, test, QueryAnalysis.countsByType(statements),
                        QueryAnalysis.repeatedSelects(statements, 1), QueryAnalysis.slowest(statements, 3),
                        statements.size());
        synchronized (this) {
            tests.add(analysed); // the analysis outside the lock: tests running in parallel do not wait for each other
        }
    }

    /** Writes both files; a run without tests writes nothing. */
    synchronized void write() {
        if (tests.isEmpty()) {
            return;
        }
        tests.sort((a, b) -> (a.testClass() + " " + a.test()).compareTo(b.testClass() + " " + b.test()));
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("queries.json"), json(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("queries.md"), markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("dbtest could not write its query report to {}: {}", directory, e.toString());
        }
    }

    private String json() {
        StringBuilder out = new StringBuilder("{\"tests\": [");
        for (int i = 0; i < tests.size(); i++) {
            Test test = tests.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("  {\"class\": ").append(Json.quote(test.testClass()))
                    .append(", \"test\": ").append(Json.quote(test.test())).append(", \"total\": ").append(test.total())
                    .append(", \"counts\": {");
            int c = 0;
            for (var count : test.counts().entrySet()) {
                out.append(c++ == 0 ? "" : ", ").append('"').append(count.getKey()).append("\": ").append(count.getValue());
            }
            out.append("}, \"nPlusOne\": [");
            for (int s = 0; s < test.suspects().size(); s++) {
                QueryAnalysis.Repeated suspect = test.suspects().get(s);
                out.append(s == 0 ? "" : ", ").append("{\"sql\": ").append(Json.quote(suspect.normalizedSql()))
                        .append(", \"runs\": ").append(suspect.runs()).append(", \"caller\": ")
                        .append(Json.quote(suspect.caller())).append('}');
            }
            out.append("], \"slowest\": [");
            for (int s = 0; s < test.slowest().size(); s++) {
                CapturedStatement slow = test.slowest().get(s);
                out.append(s == 0 ? "" : ", ").append("{\"sql\": ").append(Json.quote(QueryAnalysis.oneLine(slow.sql())))
                        .append(", \"micros\": ").append(slow.duration().toNanos() / 1_000).append('}');
            }
            out.append("]}");
        }
        return out.append("\n]}\n").toString();
    }

    private String markdown() {
        StringBuilder out = new StringBuilder("# Queries of the tests\n\n"
                + "| test | SELECT | INSERT | UPDATE | DELETE | DDL | OTHER | N+1 suspects | slowest |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (Test test : tests) {
            out.append("| ").append(test.testClass().substring(test.testClass().lastIndexOf('.') + 1)).append('.')
                    .append(cell(test.test()));
            for (StatementType type : StatementType.values()) {
                out.append(" | ").append(test.counts().get(type));
            }
            out.append(" | ");
            for (QueryAnalysis.Repeated suspect : test.suspects()) {
                out.append(suspect.runs()).append("× `").append(cell(suspect.normalizedSql())).append("` ");
            }
            out.append(" | ");
            if (!test.slowest().isEmpty()) {
                CapturedStatement slow = test.slowest().get(0);
                out.append(QueryAnalysis.millis(slow.duration())).append(" `")
                        .append(cell(abbreviate(QueryAnalysis.oneLine(slow.sql())))).append('`');
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("`", "'");
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 80 ? sql : sql.substring(0, 77) + "...";
    }
}
