package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.internal.LeakSites;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Reports the connections a test took and did not close (the seed's "not closing sessions"): logged as a warning by
 * default (and published as the report entry {@code dbtest.leaks}), a failure of the test with
 * {@code dbtest.leaks=fail}. dbtest has closed them already; in production each
 * would have held a pooled connection.
 */
final class Leaks {

    private static final Logger LOG = LoggerFactory.getLogger(Leaks.class);
    // Where the first few were taken is what finds the bug; a thousand stacks would bury it.
    private static final int SHOWN = 10;

    private Leaks() {
    }

    /**
     * @param leftOpen where each handle left open was taken, as {@code TransactionScope.handlesLeftOpen} describes it
     * @param sites    told of the leak, so that the handles taken after it record where
     * @throws DbTestException in {@link DbTestConfig.LeakMode#FAIL} mode
     */
    static void report(ExtensionContext context, String owner, List<String> leftOpen, DbTestConfig.LeakMode mode,
            LeakSites sites) {
        report(context, owner, "the test", leftOpen, mode, sites);
    }

    /** The same for handles left open by {@code owner} and closed by dbtest after {@code after} ("the class"). */
    static void report(ExtensionContext context, String owner, String after, List<String> leftOpen,
            DbTestConfig.LeakMode mode, LeakSites sites) {
        String message = message(owner, after, leftOpen, mode, !sites.recording());
        sites.leakFound();
        if (mode == DbTestConfig.LeakMode.FAIL) {
            throw new DbTestException(message);
        }
        LOG.warn("{}", message);
        context.publishReportEntry("dbtest.leaks", message);
    }

    /**
     * @param firstOfRun whether no report of the run came before (where connections are taken was not recorded then)
     */
    static String message(String owner, String after, List<String> leftOpen, DbTestConfig.LeakMode mode,
            boolean firstOfRun) {
        int count = leftOpen.size();
        StringBuilder message = new StringBuilder()
                .append(owner).append(" left ").append(count).append(count == 1 ? " connection" : " connections")
                .append(" open: taken from the DataSource and never closed. dbtest closed ")
                .append(count == 1 ? "it" : "them").append(" after ").append(after).append(", but outside a test "
                        + "each would hold a connection of the pool until the pool runs dry.\n")
                .append("  Fix: close every connection you take, with try-with-resources: "
                        + "try (Connection connection = dataSource.getConnection()) { ... }\n");
        for (int i = 0; i < Math.min(count, SHOWN); i++) {
            message.append("  ").append(i + 1).append(". ").append(leftOpen.get(i).strip()).append('\n');
        }
        if (count > SHOWN) {
            message.append("  ... and ").append(count - SHOWN).append(" more, not shown\n");
        }
        if (leftOpen.stream().anyMatch(site -> site.contains(LeakSites.NOT_RECORDED))) {
            message.append(firstOfRun
                    ? "  Where a connection is taken is recorded from this report on (a stack walk per "
                            + "getConnection()): the next report of the run names the stack. To have it in the first "
                            + "one, run again with dbtest.leaks.sites=always.\n"
                    : "  A connection whose site was not recorded was taken before the run's first report of a leak, "
                            + "when dbtest did not record where connections are taken yet. To have its stack, run "
                            + "again with dbtest.leaks.sites=always.\n");
        }
        message.append(mode == DbTestConfig.LeakMode.FAIL
                ? "  (dbtest.leaks=fail made this a failure; warn only logs it.)"
                : "  (Set dbtest.leaks=fail to fail such tests, or off to stop looking.)");
        return message.toString();
    }
}
