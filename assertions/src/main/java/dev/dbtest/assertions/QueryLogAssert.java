package dev.dbtest.assertions;

import dev.dbtest.assertions.internal.QueryAnalysis;
import dev.dbtest.assertions.internal.error.ShouldAllBeFasterThan;
import dev.dbtest.assertions.internal.error.ShouldContainStatementMatching;
import dev.dbtest.assertions.internal.error.ShouldHaveNoRepeatedSelects;
import dev.dbtest.assertions.internal.error.ShouldHaveStatementCount;
import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.StatementType;
import org.assertj.core.api.AbstractAssert;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Assertions on a {@link QueryLog}; take one from {@link DbAssertions#assertThat(QueryLog)}. A failure lists every
 * captured statement, numbered, with its parameters, batch size, caller and (when not the test's) thread.
 *
 * @since 0.1
 */
public class QueryLogAssert extends AbstractAssert<QueryLogAssert, QueryLog> {

    /** How often a SELECT may run with different parameters before {@link #hasNoRepeatedSelects()} calls it N+1. */
    public static final int DEFAULT_REPEAT_THRESHOLD = 1;

    protected QueryLogAssert(QueryLog actual) {
        super(actual, QueryLogAssert.class);
    }

    /** Verifies that exactly {@code expected} SELECTs were executed. */
    public QueryLogAssert hasSelectCount(int expected) {
        return hasCount(StatementType.SELECT, expected, false);
    }

    /** Verifies that exactly {@code expected} INSERTs were executed (a batch counts once). */
    public QueryLogAssert hasInsertCount(int expected) {
        return hasCount(StatementType.INSERT, expected, false);
    }

    /** Verifies that exactly {@code expected} UPDATEs (and MERGEs) were executed. */
    public QueryLogAssert hasUpdateCount(int expected) {
        return hasCount(StatementType.UPDATE, expected, false);
    }

    /** Verifies that exactly {@code expected} DELETEs were executed. */
    public QueryLogAssert hasDeleteCount(int expected) {
        return hasCount(StatementType.DELETE, expected, false);
    }

    /** Verifies that exactly {@code expected} statements of any type were executed. */
    public QueryLogAssert hasTotalCount(int expected) {
        return hasCount(null, expected, false);
    }

    /** Verifies that at most {@code max} SELECTs were executed. */
    public QueryLogAssert hasAtMostSelects(int max) {
        return hasCount(StatementType.SELECT, max, true);
    }

    /** Verifies that at most {@code max} INSERTs were executed. */
    public QueryLogAssert hasAtMostInserts(int max) {
        return hasCount(StatementType.INSERT, max, true);
    }

    /** Verifies that at most {@code max} UPDATEs were executed. */
    public QueryLogAssert hasAtMostUpdates(int max) {
        return hasCount(StatementType.UPDATE, max, true);
    }

    /** Verifies that at most {@code max} DELETEs were executed. */
    public QueryLogAssert hasAtMostDeletes(int max) {
        return hasCount(StatementType.DELETE, max, true);
    }

    /** Verifies that at most {@code max} statements of any type were executed. */
    public QueryLogAssert hasAtMostStatements(int max) {
        return hasCount(null, max, true);
    }

    /**
     * Verifies that no SELECT ran more than once with different parameters (the N+1 pattern: one query for a list,
     * then one per element). SELECTs are compared in their normalized form: literals and parameters replaced by
     * {@code ?}, whitespace collapsed.
     */
    public QueryLogAssert hasNoRepeatedSelects() {
        return hasNoRepeatedSelects(DEFAULT_REPEAT_THRESHOLD);
    }

    /** Verifies that no SELECT ran more than {@code allowed} times with different parameters. */
    public QueryLogAssert hasNoRepeatedSelects(int allowed) {
        isNotNull();
        List<CapturedStatement> statements = actual.statements(); // one snapshot: judged and listed alike
        List<QueryAnalysis.Repeated> repeated = QueryAnalysis.repeatedSelects(statements, allowed);
        if (!repeated.isEmpty()) {
            throwAssertionError(new ShouldHaveNoRepeatedSelects(repeated, allowed, statements));
        }
        return myself;
    }

    /** Verifies that some statement's SQL (whitespace collapsed) contains a match of {@code regex}. */
    public QueryLogAssert containsStatementMatching(String regex) {
        isNotNull();
        Pattern pattern = Pattern.compile(regex);
        List<CapturedStatement> statements = actual.statements();
        for (CapturedStatement statement : statements) {
            if (pattern.matcher(QueryAnalysis.oneLine(statement.sql())).find()) {
                return myself;
            }
        }
        throwAssertionError(new ShouldContainStatementMatching(regex, statements));
        return myself;
    }

    /** Verifies that every statement took less than {@code limit} to execute. */
    public QueryLogAssert allFasterThan(Duration limit) {
        isNotNull();
        List<CapturedStatement> statements = actual.statements();
        List<CapturedStatement> slow = statements.stream()
                .filter(statement -> statement.duration().compareTo(limit) >= 0).toList();
        if (!slow.isEmpty()) {
            throwAssertionError(new ShouldAllBeFasterThan(limit, slow, statements));
        }
        return myself;
    }

    private QueryLogAssert hasCount(StatementType type, int expected, boolean atMost) {
        isNotNull();
        List<CapturedStatement> statements = actual.statements();
        int count = type == null ? statements.size()
                : (int) statements.stream().filter(statement -> statement.type() == type).count();
        if (atMost ? count > expected : count != expected) {
            throwAssertionError(new ShouldHaveStatementCount(type, expected, atMost, count, statements));
        }
        return myself;
    }
}
