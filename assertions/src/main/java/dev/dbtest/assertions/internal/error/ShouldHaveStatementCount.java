package dev.dbtest.assertions.internal.error;

import dev.dbtest.assertions.internal.QueryAnalysis;
import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.StatementType;

import java.util.List;

/** {@code hasSelectCount(2)} and the like: how many were expected, how many ran, and every statement. */
public final class ShouldHaveStatementCount extends StatementsMessage {

    private final StatementType type;
    private final int expected;
    private final boolean atMost;
    private final int actual;
    private final List<CapturedStatement> statements;

    public ShouldHaveStatementCount(StatementType type, int expected, boolean atMost, int actual,
            List<CapturedStatement> statements) {
        this.type = type;
        this.expected = expected;
        this.atMost = atMost;
        this.actual = actual;
        this.statements = statements;
    }

    @Override
    String text() {
        String kind = (type == null ? "statement" : type + " statement") + (expected == 1 ? "" : "s");
        return "Expecting " + (atMost ? "at most " : "") + expected + " " + kind + " but " + actual + " ran.\n"
                + "Captured statements (" + statements.size() + "):\n" + QueryAnalysis.listing(statements);
    }
}
