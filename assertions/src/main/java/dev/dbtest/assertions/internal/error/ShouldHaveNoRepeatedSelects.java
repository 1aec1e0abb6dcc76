package dev.dbtest.assertions.internal.error;

import dev.dbtest.assertions.internal.QueryAnalysis;
import dev.dbtest.core.CapturedStatement;

import java.util.List;

/** {@code hasNoRepeatedSelects()}: the SELECTs that ran once per row (N+1), how often, from where. */
public final class ShouldHaveNoRepeatedSelects extends StatementsMessage {

    private final List<QueryAnalysis.Repeated> repeated;
    private final int allowed;
    private final List<CapturedStatement> statements;

    public ShouldHaveNoRepeatedSelects(List<QueryAnalysis.Repeated> repeated, int allowed,
            List<CapturedStatement> statements) {
        this.repeated = repeated;
        this.allowed = allowed;
        this.statements = statements;
    }

    @Override
    String text() {
        StringBuilder out = new StringBuilder("Expecting no SELECT to run more than " + allowed
                + (allowed == 1 ? " time" : " times") + " with different parameters, but "
                + (repeated.size() == 1 ? "this one did" : "these did") + " (N+1 queries):");
        for (QueryAnalysis.Repeated select : repeated) {
            out.append("\n  ").append(select.normalizedSql())
                    .append("\n    ran ").append(select.runs()).append(" times, with ").append(select.distinctRuns())
                    .append(" different parameter sets, from ").append(select.caller());
        }
        return out.append("\nFix: load them together (a join, JOIN FETCH or an entity graph, or WHERE ... IN (...)).")
                .append("\nCaptured statements (").append(statements.size()).append("):\n")
                .append(QueryAnalysis.listing(statements)).toString();
    }
}
