package dev.dbtest.assertions.internal;

import dev.dbtest.assertions.QueryLog;
import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.internal.StatementLog;

import java.util.List;

/** The {@link QueryLog} of a running test, over the {@link StatementLog} its transaction captures into. */
public final class LiveQueryLog implements QueryLog {

    private final StatementLog log;
    private final String owner;

    public LiveQueryLog(StatementLog log, String owner) {
        this.log = log;
        this.owner = owner;
    }

    @Override
    public List<CapturedStatement> statements() {
        return log.statements();
    }

    @Override
    public void clear() {
        log.clear();
    }

    @Override
    public QueryLog during(Block block) {
        long mark = log.mark();
        run(block);
        return new FixedQueryLog(log.since(mark));
    }

    private static void run(Block block) {
        try {
            block.run();
        } catch (Exception e) {
            throw LiveQueryLog.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception e) throws E {
        throw (E) e;
    }

    @Override
    public String toString() {
        return "QueryLog of " + owner;
    }
}
