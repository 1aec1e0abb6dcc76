package dev.dbtest.junit.internal;

import dev.dbtest.assertions.internal.QueryAnalysis;
import dev.dbtest.assertions.internal.QueryAnalysis.Entry;
import dev.dbtest.core.DbTestException;
import dev.dbtest.core.StatementType;
import dev.dbtest.junit.internal.DbTestConfig.BudgetMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query budgets: per test class a file {@code <class name>.yml} in the budget directory holding each test's query
 * profile (per normalized statement, its type and count). {@code verify} fails a test whose profile grew (a statement
 * ran more often, or a new one ran) and tells how to accept it; {@code update} writes the profiles of the tests that
 * ran, keeping the entries of the others. Only classes with a budget file are verified.
 *
 * <p>The file is YAML, one flow mapping per statement, sorted, so diffs are stable:
 * <pre>
 * "listsPosts()":
 *   - {type: SELECT, count: 1, sql: "select p.id, p.title from posts p"}
 * </pre>
 */
public final class QueryBudgets {

    private static final Logger LOG = LoggerFactory.getLogger(QueryBudgets.class);
    private static final Pattern TEST = Pattern.compile("^(\".*\"):\\s*(\\{\\})?$");
    private static final Pattern STATEMENT = Pattern.compile("^\\s+- \\{type: (\\w+), count: (\\d+), sql: (\".*\")\\}$");

    private final BudgetMode mode;
    private final Path directory;
    private final Map<String, Map<String, Map<String, Entry>>> loaded = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<String, Entry>>> recorded = new ConcurrentHashMap<>();

    QueryBudgets(BudgetMode mode, Path directory) {
        this.mode = mode;
        this.directory = directory;
    }

    /** The file of {@code testClass}'s budget. */
    Path file(String testClass) {
        return directory.resolve(testClass + ".yml");
    }

    /**
     * After a test's body: in verify mode fails when the profile grew past the budget; in update mode records it.
     *
     * @param profiled the test's profile, worked out only when a budget is recorded or checked (with budgets off, the
     *     default, or for a class without one, no statement is normalized)
     * @return what shrank below the budget, to be reported, or null
     * @throws AssertionError when the test's queries grew past its budget
     */
    public String check(String testClass, String test, java.util.function.Supplier<Map<String, Entry>> profiled) {
        if (mode == BudgetMode.UPDATE) {
            recorded.computeIfAbsent(testClass, c -> new ConcurrentHashMap<>()).put(test, profiled.get());
            return null;
        }
        if (mode != BudgetMode.VERIFY) {
            return null;
        }
        Map<String, Map<String, Entry>> budget = loaded.computeIfAbsent(testClass, this::read);
        if (budget.isEmpty()) {
            return null; // no budget for this class
        }
        Map<String, Entry> profile = profiled.get();
        Map<String, Entry> allowed = budget.get(test);
        List<String> grew = new ArrayList<>();
        List<String> shrank = new ArrayList<>();
        Map<String, Entry> expected = allowed == null ? Map.of() : allowed;
        profile.forEach((sql, entry) -> {
            Entry before = expected.get(sql);
            int was = before == null ? 0 : before.count();
            if (entry.count() > was) {
                grew.add((before == null ? "+ " : "  ") + line(entry.type(), sql) + "   " + was + " -> " + entry.count());
            }
        });
        expected.forEach((sql, entry) -> {
            Entry now = profile.get(sql);
            int count = now == null ? 0 : now.count();
            if (count < entry.count()) {
                shrank.add((now == null ? "- " : "  ") + line(entry.type(), sql) + "   " + entry.count() + " -> " + count);
            }
        });
        String where = testClass.substring(testClass.lastIndexOf('.') + 1) + "." + test;
        if (!grew.isEmpty()) {
            throw new AssertionError("The queries of " + where + " grew past its budget in " + file(testClass)
                    + (allowed == null ? " (the test has no entry there yet)" : "") + ":\n" + String.join("\n", grew)
                    + (shrank.isEmpty() ? "" : "\nand shrank:\n" + String.join("\n", shrank))
                    + "\nIf the change is intended, accept it and commit the file:\n  mvn test -Dtest="
                    + testClass.substring(testClass.lastIndexOf('.') + 1).replace('$', '*') + " -D"
                    + DbTestConfig.QUERIES_BUDGET + "=update");
        }
        if (shrank.isEmpty()) {
            return null;
        }
        String message = "The queries of " + where + " shrank below its budget in " + file(testClass) + " (run with -D"
                + DbTestConfig.QUERIES_BUDGET + "=update to lower it):\n" + String.join("\n", shrank);
        LOG.info(message);
        return message;
    }

    /** After a class in update mode: writes its file, keeping the entries of tests that did not run. */
    public void classFinished(String testClass) {
        Map<String, Map<String, Entry>> profiles = recorded.remove(testClass);
        if (mode != BudgetMode.UPDATE || profiles == null) {
            return;
        }
        Map<String, Map<String, Entry>> merged = new TreeMap<>(read(testClass));
        merged.putAll(profiles);
        write(testClass, merged);
    }

    private static String line(StatementType type, String sql) {
        return String.format("%-6s %s", type, sql);
    }

    private Map<String, Map<String, Entry>> read(String testClass) {
        Path file = file(testClass);
        Map<String, Map<String, Entry>> budget = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return budget;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbTestException("dbtest could not read the query budget " + file + ": " + e.getMessage(), e);
        }
        Map<String, Entry> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher test = TEST.matcher(line);
            Matcher statement = STATEMENT.matcher(line);
            if (test.matches()) {
                current = new TreeMap<>();
                budget.put(Json.unquote(test.group(1)), current);
            } else if (statement.matches() && current != null) {
                try {
                    current.put(Json.unquote(statement.group(3)), new Entry(StatementType.valueOf(statement.group(1)),
                            Integer.parseInt(statement.group(2))));
                } catch (IllegalArgumentException e) {
                    throw malformed(file, i, line);
                }
            } else {
                throw malformed(file, i, line);
            }
        }
        return budget;
    }

    private static DbTestException malformed(Path file, int index, String line) {
        return new DbTestException("The query budget " + file + " cannot be read at line " + (index + 1) + ": "
                + line + "\n  Fix: regenerate it with -D" + DbTestConfig.QUERIES_BUDGET + "=update (it is written "
                + "by dbtest; edit counts only).");
    }

    private void write(String testClass, Map<String, Map<String, Entry>> budget) {
        StringBuilder out = new StringBuilder("# Query budget of " + testClass + ", written by dbtest with -D"
                + DbTestConfig.QUERIES_BUDGET + "=update.\n# Per test: each statement (normalized), its type and how "
                + "often it ran. CI runs with -D" + DbTestConfig.QUERIES_BUDGET + "=verify and fails a test whose "
                + "queries grew.\n");
        budget.forEach((test, profile) -> {
            out.append(Json.quote(test)).append(profile.isEmpty() ? ": {}" : ":").append('\n');
            profile.forEach((sql, entry) -> out.append("  - {type: ").append(entry.type()).append(", count: ")
                    .append(entry.count()).append(", sql: ").append(Json.quote(sql)).append("}\n"));
        });
        Path file = file(testClass);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DbTestException("dbtest could not write the query budget " + file + ": " + e.getMessage(), e);
        }
        LOG.info("Wrote the query budget of {} to {}", testClass, file);
    }

    /** The profile of a test's statements, as budgets compare them. */
    static Map<String, Entry> profile(List<dev.dbtest.core.CapturedStatement> statements) {
        return QueryAnalysis.profile(statements);
    }
}
