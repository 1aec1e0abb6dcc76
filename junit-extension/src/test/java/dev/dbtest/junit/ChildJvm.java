package dev.dbtest.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A JUnit run of one test case class in a JVM of its own, for what cannot happen inside the JVM of the tests: the JVM
 * ending, by a signal or by itself. Its output (standard output and error together) is kept line by line.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a JVM that runs {@code testCase} with the given {@code -D} properties, on this JVM's class path. */
    static ChildJvm run(Class<?> testCase, String... properties) throws IOException {
        return run(java.util.Map.of(), testCase, properties);
    }

    /** The same, with environment variables set (or, with an empty value, removed) for the child. */
    static ChildJvm run(java.util.Map<String, String> environment, Class<?> testCase, String... properties)
            throws IOException {
        return run(List.of(), environment, testCase, properties);
    }

    /** The same, with the {@code java} command run by {@code launcher} (such as {@code unshare ... --}). */
    static ChildJvm run(List<String> launcher, java.util.Map<String, String> environment, Class<?> testCase,
            String... properties) throws IOException {
        return runMain(launcher, environment, ChildJvm.class, List.of(testCase.getName()), properties);
    }

    /** Starts a JVM that runs the {@code main} of {@code mainClass} with {@code arguments}, on this JVM's class path. */
    static ChildJvm runMain(java.util.Map<String, String> environment, Class<?> mainClass, List<String> arguments,
            String... properties) throws IOException {
        return runMain(List.of(), environment, mainClass, arguments, properties);
    }

    private static ChildJvm runMain(List<String> launcher, java.util.Map<String, String> environment,
            Class<?> mainClass, List<String> arguments, String... properties) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(properties));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new ChildJvm(builder.start());
    }

    /** Waits until a line of output matches, and returns it; fails with the output when none does in time. */
    String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (matching.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive() && lines.stream().noneMatch(matching)) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child JVM printed no such line within " + timeout + "; its output:\n"
                + String.join("\n", lines));
    }

    Process process() {
        return process;
    }

    List<String> output() {
        return lines;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The child's main: runs the test case class named by the argument; exit code 0 when every test passed. */
    public static void main(String[] args) throws ClassNotFoundException {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(args[0])))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary, new TestExecutionListener() {
            private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public void executionStarted(TestIdentifier test) {
                started.put(test.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    long millis = (System.nanoTime() - started.get(test.getUniqueId())) / 1_000_000;
                    // One line a test: the failure and what was suppressed by it, new lines folded.
                    System.out.println(("TEST " + test.getDisplayName() + " " + result.getStatus() + " in " + millis
                            + " ms" + result.getThrowable().map(failure -> ": " + failure + Arrays.stream(
                                    failure.getSuppressed()).map(suppressed -> " | suppressed: " + suppressed)
                                    .collect(Collectors.joining())).orElse("")).replace('\n', ' '));
                }
            }
        });
        summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
        System.out.println("child run ended: " + summary.getSummary().getTestsSucceededCount() + " passed, "
                + summary.getSummary().getTotalFailureCount() + " failed");
        System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
    }
}
