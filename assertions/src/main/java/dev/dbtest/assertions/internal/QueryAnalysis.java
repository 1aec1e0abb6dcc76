package dev.dbtest.assertions.internal;

import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.StatementType;
import dev.dbtest.core.internal.SqlShape;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What assertions, reports and budgets read from captured statements: counts, N+1 suspects, profiles, listings. */
public final class QueryAnalysis {

    /** Statements listed in a failure message at most; the rest are counted. */
    static final int LISTED = 200;

    private QueryAnalysis() {
    }

    /** A SELECT that ran with more different parameters than allowed: the N+1 pattern. */
    public record Repeated(String normalizedSql, int runs, int distinctRuns, String caller) {
    }

    /** The SELECTs that ran with more than {@code allowed} different parameter sets, most repeated first. */
    public static List<Repeated> repeatedSelects(List<CapturedStatement> statements, int allowed) {
        Map<String, List<CapturedStatement>> byShape = new LinkedHashMap<>();
        for (CapturedStatement statement : statements) {
            if (statement.type() == StatementType.SELECT) {
                byShape.computeIfAbsent(SqlShape.normalize(statement.sql()), s -> new ArrayList<>()).add(statement);
            }
        }
        List<Repeated> repeated = new ArrayList<>();
        byShape.forEach((shape, runs) -> {
            if (runs.size() <= allowed) {
                return; // cannot have run with more different parameter sets than it ran
            }
            Set<List<Object>> distinct = new HashSet<>();
            for (CapturedStatement run : runs) {
                List<Object> key = new ArrayList<>();
                key.add(run.sql());
                for (Object parameter : run.parameters()) {
                    // Arrays (byte[] of a UUID or a hash) compare by content, not by identity.
                    key.add(parameter != null && parameter.getClass().isArray()
                            ? java.util.Arrays.deepToString(new Object[] {parameter}) : parameter);
                }
                distinct.add(key);
            }
            if (distinct.size() > allowed) {
                repeated.add(new Repeated(shape, runs.size(), distinct.size(), runs.get(runs.size() - 1).caller()));
            }
        });
        repeated.sort((a, b) -> Integer.compare(b.distinctRuns(), a.distinctRuns()));
        return repeated;
    }

    /** Counts by type, in the order of {@link StatementType}. */
    public static Map<StatementType, Integer> countsByType(List<CapturedStatement> statements) {
        Map<StatementType, Integer> counts = new EnumMap<>(StatementType.class);
        for (StatementType type : StatementType.values()) {
            counts.put(type, 0);
        }
        for (CapturedStatement statement : statements) {
            counts.merge(statement.type(), 1, Integer::sum);
        }
        return counts;
    }

    /** One entry of a query profile: a statement's type and how often it ran. */
    public record Entry(StatementType type, int count) {
    }

    /** The profile of a test: per normalized statement, its type and count, sorted by statement (stable diffs). */
    public static Map<String, Entry> profile(List<CapturedStatement> statements) {
        Map<String, Entry> profile = new TreeMap<>();
        for (CapturedStatement statement : statements) {
            profile.merge(SqlShape.normalize(statement.sql()), new Entry(statement.type(), 1),
                    (a, b) -> new Entry(a.type(), a.count() + b.count()));
        }
        return profile;
    }

    /** {@code sql} on one line, whitespace collapsed. */
    public static String oneLine(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    /** Every statement, numbered, with its parameters, batch size, caller and (when not the test's) thread. */
    public static String listing(List<CapturedStatement> statements) {
        if (statements.isEmpty()) {
            return "  (no statement was captured)";
        }
        StringBuilder out = new StringBuilder();
        int shown = Math.min(statements.size(), LISTED);
        for (int i = 0; i < shown; i++) {
            CapturedStatement statement = statements.get(i);
            if (i > 0) {
                out.append('\n');
            }
            out.append(String.format("  %d. %-6s %s", i + 1, statement.type(), oneLine(statement.sql())));
            if (!statement.parameters().isEmpty()) {
                out.append("\n       parameters: ").append(parameters(statement.parameters()));
            }
            if (statement.batchSize() > 0) {
                out.append("\n       batch of ").append(statement.batchSize())
                        .append(statement.parameters().isEmpty() ? "" : " (parameters of the first row)");
            }
            if (statement.failed()) {
                out.append("\n       failed");
            }
            out.append("\n       caller: ").append(statement.caller());
            if (!statement.onTestThread()) {
                out.append("\n       thread: ").append(statement.thread());
            }
        }
        if (statements.size() > shown) {
            out.append("\n  ... and ").append(statements.size() - shown).append(" more");
        }
        return out.toString();
    }

    /** Parameters as a listing shows them: strings quoted, bytes counted, so that null and "null" differ. */
    static String parameters(List<Object> parameters) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            out.append(i == 0 ? "" : ", ");
            if (parameter instanceof String text) {
                out.append('\'').append(text.length() <= 60 ? text : text.substring(0, 57) + "...").append('\'');
            } else if (parameter instanceof byte[] bytes) {
                out.append("<").append(bytes.length).append(" bytes>");
            } else if (parameter != null && parameter.getClass().isArray()) {
                out.append(java.util.Arrays.deepToString(new Object[] {parameter}));
            } else {
                out.append(parameter);
            }
        }
        return out.append(']').toString();
    }

    /** The slowest statements, slowest first. */
    public static List<CapturedStatement> slowest(List<CapturedStatement> statements, int count) {
        List<CapturedStatement> sorted = new ArrayList<>(statements);
        sorted.sort((a, b) -> b.duration().compareTo(a.duration()));
        return sorted.subList(0, Math.min(count, sorted.size()));
    }

    /** A duration as messages print it: {@code 1.25 ms}. */
    public static String millis(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", duration.toNanos() / 1_000_000.0);
    }
}
