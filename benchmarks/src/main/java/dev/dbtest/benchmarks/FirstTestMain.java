package dev.dbtest.benchmarks;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of {@link TimeToFirstTestBenchmark}: runs the JUnit Platform launcher on the class named by its
 * argument, as a build tool would, prints when each phase ended (milliseconds since the process started) and exits:
 * 0 when every test passed.
 */
public final class FirstTestMain {

    private FirstTestMain() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        // When the parent started this process (its clock, in ms); the OS's start time of a process is only as
        // precise as the boot time in /proc/stat, a second.
        Instant processStart = Instant.ofEpochMilli(Long.getLong("benchmark.launched",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()));
        mark("MAIN", processStart);
        Launcher launcher = LauncherFactory.create();
        mark("LAUNCHER", processStart);
        TestPlan plan = launcher.discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(Class.forName(args[0])))
                .build());
        mark("DISCOVERED", processStart);
        AtomicInteger failures = new AtomicInteger();
        launcher.execute(plan, new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier test) {
                if (test.isTest()) {
                    mark("FIRST_TEST_START", processStart);
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failures.incrementAndGet();
                    System.out.println("FAILED " + test.getDisplayName() + ": " + result.getThrowable()
                            .map(Throwable::toString).orElse(""));
                    result.getThrowable().ifPresent(Throwable::printStackTrace);
                }
                if (test.isTest()) {
                    mark("FIRST_TEST_END", processStart);
                }
            }
        });
        mark("EXECUTED", processStart);
        // The early start's phases, when there was one: its clock is System.nanoTime().
        long[] timeline = dev.dbtest.junit.internal.EarlyStart.lastTimeline();
        if (timeline != null) {
            long nanosToEpochMillis = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
            String[] phases = {"EARLY_START_BEGUN", "DOCKER_ANSWERED", "CONTAINER_READY"};
            for (int i = 0; i < phases.length; i++) {
                if (timeline[i] != 0) {
                    System.out.println("AT " + phases[i] + " "
                            + ((timeline[i] + nanosToEpochMillis) / 1_000_000 - processStart.toEpochMilli()));
                }
            }
        }
        System.out.flush();
        System.exit(failures.get() == 0 ? 0 : 1);
    }

    private static void mark(String phase, Instant processStart) {
        System.out.println("AT " + phase + " " + (System.currentTimeMillis() - processStart.toEpochMilli()));
    }
}
