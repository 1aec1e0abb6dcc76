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
        LiveQueryLog.run(block);
        return new FixedQueryLog(List.of()); // nothing is captured into a fixed log
    }

    @Override
    public String toString() {
        return "QueryLog of " + statements.size() + " statements";
    }
}
