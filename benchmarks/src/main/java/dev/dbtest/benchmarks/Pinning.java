package dev.dbtest.benchmarks;

import org.testcontainers.containers.GenericContainer;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Puts the statement-capture benchmark's JVM and its PostgreSQL container on one CPU, so that every round trip between
 * them costs the same. On two cores the scheduler flips between waking the other side on the same core and on the
 * other one: a primary-key SELECT then takes about 15 µs in one state and 80 µs in the other here, the states last for
 * seconds, and contenders measured side by side landed in different ones (medians of 17 and 73 µs in one interleaved
 * run of four layers over one connection). On one core the same run gives medians within 20 % of each other.
 *
 * <p>Only there: the isolation strategies and the fixtures are whole test runs, whose client and server work in
 * parallel on two cores as a suite's do (on one core the transaction's saved commits outweigh the raw floor's
 * savepoint, and its overhead over the work alone turns negative), and the time to first test starts a container.
 *
 * <p>{@code -Dbench.pin=false} leaves the scheduler alone. Needs {@code taskset} (util-linux); without it the JVM is
 * not pinned, and says so.
 */
final class Pinning {

    /** The CPU both sides run on. */
    static final String CPU = "0";
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("bench.pin", "true"));
    /** The CPUs this JVM may use when it starts (availableProcessors() counts the pinned set afterwards). */
    static final int CPUS = Runtime.getRuntime().availableProcessors();
    /** The CPUs this JVM started on, as taskset lists them: what unpinning restores. */
    private static final String ALLOWED = allowedCpus();
    /** Set in a JMH fork started by a pinned JVM: the fork inherited the CPU, so its container goes there too. */
    static final String PINNED_BY_PARENT = "bench.pinned-by-parent";
    private static volatile boolean jvmPinned;

    private Pinning() {
    }

    /** Pins every thread of this JVM (and the processes it starts later) to {@link #CPU}; returns whether it is. */
    static boolean pinThisJvm() {
        if (ENABLED && !jvmPinned) {
            jvmPinned = taskset(CPU);
        }
        return jvmPinned;
    }

    /** Lets this JVM run on the CPUs it started with again. */
    static void unpinThisJvm() {
        if (jvmPinned) {
            if (ALLOWED == null || !taskset(ALLOWED)) {
                System.err.println("benchmarks: could not give this JVM its CPUs back (" + ALLOWED + "): the "
                        + "sections after this one run on CPU " + CPU);
            }
            jvmPinned = false;
        }
    }

    /** {@code container}, created on {@link #CPU} when this JVM runs there (pinned, or a pinned JVM's JMH fork). */
    static <T extends GenericContainer<?>> T onePlace(T container) {
        if (jvmPinned || Boolean.getBoolean(PINNED_BY_PARENT)) {
            container.withCreateContainerCmdModifier(command -> command.withHostConfig(
                    command.getHostConfig().withCpusetCpus(CPU)));
        }
        return container;
    }

    /** How section 2 was placed, for RESULTS.md. */
    static String describe(boolean pinned) {
        return !ENABLED ? "not pinned (`-Dbench.pin=false`)"
                : pinned ? "the JVM and its PostgreSQL container pinned to CPU " + CPU + " (on two cores a round trip "
                        + "flips between about 15 and 80 µs, as the scheduler wakes the other side on the same core or "
                        + "the other one, and contenders measured side by side landed in different states)"
                : "not pinned (`taskset` failed or is missing)";
    }

    private static String allowedCpus() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Cpus_allowed_list:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean taskset(String cpus) {
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus,
                    String.valueOf(ProcessHandle.current().pid())).redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes());
            if (taskset.waitFor(10, TimeUnit.SECONDS) && taskset.exitValue() == 0) {
                return true;
            }
            System.err.println("benchmarks: taskset -c " + cpus + " failed, the JVM is not pinned: " + output.trim());
        } catch (IOException e) {
            System.err.println("benchmarks: no taskset, the JVM is not pinned: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
