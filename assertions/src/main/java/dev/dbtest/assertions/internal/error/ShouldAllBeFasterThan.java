package dev.dbtest.assertions.internal.error;

import dev.dbtest.assertions.internal.QueryAnalysis;
import dev.dbtest.core.CapturedStatement;

import java.time.Duration;
import java.util.List;

/** {@code allFasterThan(limit)}: the statements that took longer, and how long. */
public final class ShouldAllBeFasterThan extends StatementsMessage {

    private final Duration limit;
    private final List<CapturedStatement> slow;
    private final List<CapturedStatement> statements;

    public ShouldAllBeFasterThan(Duration limit, List<CapturedStatement> slow, List<CapturedStatement> statements) {
        this.limit = limit;
        this.slow = slow;
        this.statements = statements;
    }

    @Override
    String text() {
        StringBuilder out = new StringBuilder("Expecting every statement to take less than "
                + QueryAnalysis.millis(limit) + ", but " + slow.size() + " did not:");
        for (CapturedStatement statement : slow) {
            out.append("\n  ").append(QueryAnalysis.millis(statement.duration())).append("  ")
                    .append(QueryAnalysis.oneLine(statement.sql())).append("\n    caller: ").append(statement.caller());
        }
        return out.append("\nCaptured statements (").append(statements.size()).append("):\n")
                .append(QueryAnalysis.listing(statements)).toString();
    }
}
