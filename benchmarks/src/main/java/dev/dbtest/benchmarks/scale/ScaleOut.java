package dev.dbtest.benchmarks.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale-out: the wall time of the 2,000 tests of {@link ScaleSuite} on one PostgreSQL server (dbtest's url mode, each
 * JVM in a clone database of its own) run three ways: one JVM on one thread (parallel execution off), one JVM on 4
 * threads (JUnit's parallel execution, concurrent, fixed parallelism 4), and two JVMs at once ("forks") of 2 threads
 * each, each running half of the classes. A run's wall time goes from the launch of its first child JVM
 * ({@link ScaleChild}) to the exit of its last; the configurations take turns round after round, in rotating order.
 * Every child's JUnit summary is checked: 2,000 tests found and passed in all, no failure (failures are printed, with
 * their stack traces, to standard error; every child's log stays in the log directory).
 *
 * <pre>
 * mvn -B -ntp -q -pl benchmarks compile
 * mvn -B -ntp -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/tmp/bcp.txt
 * java -cp benchmarks/target/classes:$(cat /tmp/bcp.txt) dev.dbtest.benchmarks.scale.ScaleOut [rounds=3] [logs=DIR]
 * </pre>
 * The server: {@code -Dscale.url} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code -Dscale.username}
 * (default {@code postgres}), {@code -Dscale.password}; the children's class path is this JVM's, or
 * {@code -Dscale.classpath}; {@code -Dscale.jvmArgs="-XX:TieredStopAtLevel=1"} adds options to every child's
 * command line (split at spaces).
 */
public final class ScaleOut {

    private static final Pattern SUMMARY = Pattern.compile("^SUMMARY found=(\\d+) succeeded=(\\d+) failed=(\\d+) "
            + "aborted=(\\d+) skipped=(\\d+) containersFailed=(\\d+) mostAtOnce=(\\d+) executeMillis=(\\d+)$");
    private static final long CHILD_TIMEOUT_SECONDS = 900;

    /** A way to run the suite: how many JVMs, and how many threads each (1: parallel execution off). */
    record Config(String name, int jvms, int threads) {
    }

    static final List<Config> CONFIGS = List.of(
            new Config("1 JVM, 1 thread (parallel off)", 1, 1),
            new Config("1 JVM, 4 threads", 1, 4),
            new Config("2 JVMs x 2 threads", 2, 2));

    /** One child's JUnit summary, as it printed it. */
    record Child(int exit, long found, long succeeded, long failed, long aborted, long skipped, long containersFailed,
            int mostAtOnce, long executeMillis, Path log) {
    }

    /** One run of a configuration: its wall time and its children. */
    record Run(long wallMillis, List<Child> children) {

        long found() {
            return children.stream().mapToLong(Child::found).sum();
        }

        long succeeded() {
            return children.stream().mapToLong(Child::succeeded).sum();
        }

        long failed() {
            return children.stream().mapToLong(child -> child.failed() + child.containersFailed()).sum();
        }

        boolean passed() {
            return found() == total() && succeeded() == total() && failed() == 0
                    && children.stream().allMatch(child -> child.exit() == 0);
        }
    }

    private ScaleOut() {
    }

    static int total() {
        return ScaleSuite.CLASSES * ScaleSuite.TESTS_PER_CLASS;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        Path logs = Path.of("target", "scale-logs");
        for (String arg : args) {
            if (arg.startsWith("rounds=")) {
                rounds = Integer.parseInt(arg.substring("rounds=".length()));
            } else if (arg.startsWith("logs=")) {
                logs = Path.of(arg.substring("logs=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + " (rounds=N, logs=DIR)");
            }
        }
        Files.createDirectories(logs);
        List<String> classes = ScaleSuite.classes().stream().map(Class::getSimpleName).toList();

        // Warm-up, not timed: builds the schema's template database on the server if it is not there yet (it is kept
        // between runs), and warms the OS's caches of the class path.
        Run warmUp = run(new Config("warm-up", 1, 1), classes.subList(0, 2), logs, "warm-up");
        System.err.printf(Locale.ROOT, "warm-up: %.1f s, %d of %d tests passed%n", warmUp.wallMillis() / 1000.0,
                warmUp.succeeded(), 2 * ScaleSuite.TESTS_PER_CLASS);

        Map<Config, List<Run>> runs = new LinkedHashMap<>();
        CONFIGS.forEach(config -> runs.put(config, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            List<Config> order = new ArrayList<>(CONFIGS);
            Collections.rotate(order, -round);
            for (Config config : order) {
                String label = "round" + (round + 1) + "-" + config.jvms() + "jvm-" + config.threads() + "t";
                Run run = run(config, classes, logs, label);
                runs.get(config).add(run);
                System.err.printf(Locale.ROOT, "round %d of %d, %s: %.1f s, %d found, %d passed, %d failed%s%n",
                        round + 1, rounds, config.name(), run.wallMillis() / 1000.0, run.found(), run.succeeded(),
                        run.failed(), run.passed() ? "" : "  ** NOT ALL PASSED **");
                if (!run.passed()) {
                    printFailures(run);
                }
            }
        }
        System.out.println(report(runs, rounds, logs));
    }

    /** Launches the configuration's children at once, each with its share of the classes, and waits for all. */
    static Run run(Config config, List<String> classes, Path logs, String label)
            throws IOException, InterruptedException {
        List<List<String>> shares = new ArrayList<>();
        int per = (classes.size() + config.jvms() - 1) / config.jvms();
        for (int i = 0; i < classes.size(); i += per) {
            shares.add(classes.subList(i, Math.min(classes.size(), i + per)));
        }
        List<ProcessBuilder> builders = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            Path output = logs.resolve(label + "-child" + (i + 1) + ".log");
            outputs.add(output);
            builders.add(new ProcessBuilder(command(config, shares.get(i))).redirectErrorStream(true)
                    .redirectOutput(output.toFile()));
        }
        List<Process> processes = new ArrayList<>();
        long start = System.nanoTime();
        for (ProcessBuilder builder : builders) {
            processes.add(builder.start());
        }
        for (Process process : processes) {
            if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                processes.forEach(Process::destroyForcibly);
                throw new IllegalStateException(label + ": a child did not end within " + CHILD_TIMEOUT_SECONDS
                        + " s; its log: " + outputs.get(processes.indexOf(process)));
            }
        }
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        List<Child> children = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            children.add(parse(processes.get(i).exitValue(), outputs.get(i)));
        }
        return new Run(wallMillis, children);
    }

    private static List<String> command(Config config, List<String> classes) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs());
        command.add("-Ddbtest.database=url");
        command.add("-Ddbtest.url=" + System.getProperty("scale.url", "jdbc:postgresql://127.0.0.1:5432/postgres"));
        command.add("-Ddbtest.username=" + System.getProperty("scale.username", "postgres"));
        String password = System.getProperty("scale.password");
        if (password != null) {
            command.add("-Ddbtest.password=" + password);
        }
        if (config.threads() > 1) {
            command.add("-Djunit.jupiter.execution.parallel.enabled=true");
            command.add("-Djunit.jupiter.execution.parallel.mode.default=concurrent");
            command.add("-Djunit.jupiter.execution.parallel.config.strategy=fixed");
            command.add("-Djunit.jupiter.execution.parallel.config.fixed.parallelism=" + config.threads());
        } else {
            command.add("-Djunit.jupiter.execution.parallel.enabled=false");
        }
        command.add("-cp");
        command.add(System.getProperty("scale.classpath", System.getProperty("java.class.path")));
        command.add(ScaleChild.class.getName());
        command.addAll(classes);
        return command;
    }

    private static List<String> jvmArgs() {
        String configured = System.getProperty("scale.jvmArgs", "").strip();
        return configured.isEmpty() ? List.of() : List.of(configured.split("\\s+"));
    }

    private static Child parse(int exit, Path log) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher summary = SUMMARY.matcher(line.strip());
            if (summary.matches()) {
                return new Child(exit, Long.parseLong(summary.group(1)), Long.parseLong(summary.group(2)),
                        Long.parseLong(summary.group(3)), Long.parseLong(summary.group(4)),
                        Long.parseLong(summary.group(5)), Long.parseLong(summary.group(6)),
                        Integer.parseInt(summary.group(7)), Long.parseLong(summary.group(8)), log);
            }
        }
        return new Child(exit, 0, 0, 0, 0, 0, 0, 0, 0, log); // no summary: the child died before the end
    }

    /** Prints to standard error what each child that did not pass said (its failures, or its whole log). */
    private static void printFailures(Run run) throws IOException {
        for (Child child : run.children()) {
            if (child.exit() == 0 && child.failed() == 0 && child.containersFailed() == 0) {
                continue;
            }
            List<String> lines = Files.readAllLines(child.log(), StandardCharsets.UTF_8);
            int from = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("SUMMARY ")) {
                    from = i;
                }
            }
            System.err.println("---- " + child.log() + " (exit " + child.exit() + ")");
            lines.subList(from, Math.min(lines.size(), from + 400)).forEach(System.err::println);
            if (lines.size() > from + 400) {
                System.err.println("... (" + (lines.size() - from - 400) + " more lines in " + child.log() + ")");
            }
        }
    }

    private static String report(Map<Config, List<Run>> runs, int rounds, Path logs) {
        long base = median(runs.get(CONFIGS.get(0)).stream().map(Run::wallMillis).toList());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "## Scale-out: %,d tests on PostgreSQL%n%n", total()));
        out.append(String.format(Locale.ROOT, "%d `@DatabaseTest` classes x %d tests (`ScaleSuite`); each test "
                + "inserts %d rows into one of 4 tables and reads the table back, checking it sees only its own rows. "
                + "dbtest's url mode on %s, each JVM in its own clone of the schema's template. Wall time: from the "
                + "launch of the run's first child JVM to the exit of its last; %d rounds, the configurations "
                + "interleaved in rotating order, after one untimed warm-up JVM. Java %s, %d cores; the children's JVM "
                + "options: %s.%n%n",
                ScaleSuite.CLASSES, ScaleSuite.TESTS_PER_CLASS, ScaleSuite.ROWS,
                System.getProperty("scale.url", "jdbc:postgresql://127.0.0.1:5432/postgres"), rounds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                jvmArgs().isEmpty() ? "none (the defaults)" : "`" + String.join(" ", jvmArgs()) + "`"));
        out.append("| configuration | wall time, median | min - max | speed-up vs 1 thread (medians) "
                + "| JUnit execution in the slowest child, median | most tests at once | tests per run: found / passed "
                + "/ failed | all runs verified |\n");
        out.append("|---|---:|---:|---:|---:|---:|---|---|\n");
        runs.forEach((config, list) -> {
            List<Long> walls = list.stream().map(Run::wallMillis).toList();
            List<Long> executes = list.stream().map(run -> run.children().stream()
                    .mapToLong(Child::executeMillis).max().orElse(0)).toList();
            int most = list.stream().flatMap(run -> run.children().stream()).mapToInt(Child::mostAtOnce).max()
                    .orElse(0);
            String counts = list.stream().map(run -> run.found() + " / " + run.succeeded() + " / " + run.failed())
                    .distinct().reduce((a, b) -> a + "; " + b).orElse("");
            long passed = list.stream().filter(Run::passed).count();
            long median = median(walls);
            out.append(String.format(Locale.ROOT, "| %s | %.2f s | %.2f - %.2f s | %.2fx | %.2f s | %d%s | %s | %s |%n",
                    config.name(), median / 1000.0, Collections.min(walls) / 1000.0,
                    Collections.max(walls) / 1000.0, (double) base / median, median(executes) / 1000.0, most,
                    config.jvms() > 1 ? " per JVM" : "", counts,
                    passed == list.size() ? "yes (" + passed + " of " + list.size() + ")"
                            : "**no: " + passed + " of " + list.size() + " passed**"));
        });
        out.append("\nChildren's logs: ").append(logs.toAbsolutePath()).append('\n');
        return out.toString();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
