package dev.dbtest.benchmarks.scale;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM of {@link ScaleOut}: runs the JUnit Platform launcher on the {@link ScaleSuite} classes named by its
 * arguments (simple names, {@code C000}), as a build tool's fork would; JUnit's and dbtest's configuration come as
 * system properties. Prints one {@code SUMMARY} line (the JUnit summary's counts, and the most tests seen running at
 * once), then every failure with its stack trace, and exits 0 when every test passed.
 */
public final class ScaleChild {

    private ScaleChild() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        List<ClassSelector> selectors = new ArrayList<>();
        for (String name : args) {
            selectors.add(DiscoverySelectors.selectClass(Class.forName(ScaleSuite.class.getName() + "$" + name)));
        }
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        long start = System.nanoTime();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), summary,
                new TestExecutionListener() {
                    @Override
                    public void executionStarted(TestIdentifier test) {
                        if (test.isTest()) {
                            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        }
                    }

                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (test.isTest()) {
                            running.decrementAndGet();
                        }
                    }
                });
        long executeMillis = (System.nanoTime() - start) / 1_000_000;
        TestExecutionSummary result = summary.getSummary();
        System.out.flush();
        System.out.println("SUMMARY found=" + result.getTestsFoundCount()
                + " succeeded=" + result.getTestsSucceededCount()
                + " failed=" + result.getTotalFailureCount()
                + " aborted=" + result.getTestsAbortedCount()
                + " skipped=" + result.getTestsSkippedCount()
                + " containersFailed=" + result.getContainersFailedCount()
                + " mostAtOnce=" + mostAtOnce.get()
                + " executeMillis=" + executeMillis);
        for (TestExecutionSummary.Failure failure : result.getFailures()) {
            StringWriter trace = new StringWriter();
            failure.getException().printStackTrace(new PrintWriter(trace));
            System.out.println("FAILURE " + failure.getTestIdentifier().getUniqueId() + "\n" + trace);
        }
        System.out.flush();
        boolean passed = result.getTotalFailureCount() == 0
                && result.getTestsSucceededCount() == (long) args.length * ScaleSuite.TESTS_PER_CLASS;
        System.exit(passed ? 0 : 1);
    }
}
