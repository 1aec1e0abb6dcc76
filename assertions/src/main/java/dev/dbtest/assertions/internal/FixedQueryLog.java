package dev.dbtest.assertions.internal;

import dev.dbtest.assertions.QueryLog;
import dev.dbtest.core.CapturedStatement;

import java.util.ArrayList;
import java.util.List;

/** A log of given statements: what {@link QueryLog#during} returns, and {@link QueryLog#of}. */
public final class FixedQueryLog implements QueryLog {

    private final List<CapturedStatement> statements;

    public FixedQueryLog(List<CapturedStatement> statements) {
        this.statements = new ArrayList<>(statements);
    }

    @Override
    public synchronized List<CapturedStatement> statements() {
        return List.copyOf(statements);
    }

    @Override
    public synchronized void clear() {
        statements.clear();
    }

    @Override
    public QueryLog during(Block block) {
        throw new UnsupportedOperationException("This QueryLog holds given statements and captures nothing, so "
                + "during() could only return an empty log, against which every assertion of a count of 0 would pass. "
                + "Call during() on the QueryLog dbtest injects into the test.");
    }

    @Override
    public String toString() {
        return "QueryLog of " + statements.size() + " statements";
    }
}
