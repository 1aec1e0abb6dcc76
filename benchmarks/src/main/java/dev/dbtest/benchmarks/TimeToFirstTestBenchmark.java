package dev.dbtest.benchmarks;

import dev.dbtest.junit.internal.DockerProbe;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
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
 * Time to first test: the wall time of a JVM that runs one {@code @DatabaseTest} (schema of two entities, one row
 * made by fixtures) minus that of the same JVM and launcher selecting a class with no tests, from the process's start
 * to its exit, so that what is left is what dbtest adds before (and after) the first test: Docker, the container, the
 * schema, the container's stop. Each run is a child JVM ({@link FirstTestMain}) on this JVM's class path; the settings
 * take turns, in rotating order, round after round.
 *
 * <pre>
 * mvn -o -q -pl benchmarks -am package -DskipTests
 * mvn -o -q -pl benchmarks -am dependency:build-classpath -Dmdep.outputFile=cp.txt   # benchmarks/cp.txt
 * java -cp benchmarks/target/classes:$(cat benchmarks/cp.txt) dev.dbtest.benchmarks.TimeToFirstTestBenchmark [smoke]
 * </pre>
 * The image is {@code DBTEST_POSTGRES_IMAGE} (default {@code postgres:16-alpine}); it must be on the Docker host
 * already. Children inherit the environment ({@code TESTCONTAINERS_RYUK_DISABLED}, {@code TESTCONTAINERS_HOST_OVERRIDE}).
 */
public final class TimeToFirstTestBenchmark {

    private static final int ROUNDS = 7;
    private static final int WARM_UP_ROUNDS = 1;
    private static final double GOAL_SECONDS = 2.0;
    private static final Pattern MARK = Pattern.compile("^AT (\\w+) (\\d+)$");

    /** A configuration the runs are measured with. */
    record Setting(String name, boolean container, List<String> properties, Class<?> oneTest) {

        Setting(String name, boolean container, List<String> properties) {
            this(name, container, properties, FirstTestCases.OneTest.class);
        }
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting("PostgreSQL container, early start (dbtest.database=postgres)", true,
                    List.of("-Ddbtest.database=postgres", "-Ddbtest.docker.early-start=true")),
            new Setting("PostgreSQL container, no early start (dbtest.docker.early-start=false)", true,
                    List.of("-Ddbtest.database=postgres", "-Ddbtest.docker.early-start=false")),
            new Setting("PostgreSQL container, the defaults (dbtest.database=auto, early start)", true,
                    List.of("-Ddbtest.database=auto")),
            new Setting("H2 (dbtest.database=h2)", false, List.of("-Ddbtest.database=h2")),
            new Setting("plain Testcontainers and JDBC, no dbtest (the same test by hand)", true, List.of(),
                    FirstTestCases.PlainTestcontainersTest.class));

    private TimeToFirstTestBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(markdown(args.length > 0 && args[0].equals("smoke")));
    }

    /** Measures, and returns the section of the report: smoke is one round without warm-up. */
    public static String markdown(boolean smoke) {
        int rounds = smoke ? 1 : ROUNDS;
        int warmUp = smoke ? 0 : WARM_UP_ROUNDS;
        String image = System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE", "postgres:16-alpine");
        String noDocker = DockerProbe.whyNotAvailable(null);
        // The smoke run leaves out the defaults, which start the container as the first setting does, to stay short.
        List<Setting> settings = SETTINGS.stream().filter(setting -> noDocker == null || !setting.container())
                .filter(setting -> !smoke || setting != SETTINGS.get(2))
                .toList();
        Map<Setting, Samples> samples = new LinkedHashMap<>();
        settings.forEach(setting -> samples.put(setting, new Samples()));
        List<Run> runs = new ArrayList<>();
        for (Setting setting : settings) {
            runs.add(new Run(setting, true));
            runs.add(new Run(setting, false));
        }
        String classPath = classPath();
        for (int round = 0; round < warmUp + rounds; round++) {
            List<Run> order = new ArrayList<>(runs);
            Collections.rotate(order, round * 3);
            Map<Setting, long[]> pair = new LinkedHashMap<>();
            for (Run run : order) {
                Result result = run.execute(classPath);
                pair.computeIfAbsent(run.setting(), key -> new long[2])[run.oneTest() ? 0 : 1] = result.wallMillis();
                if (run.oneTest() && round >= warmUp) {
                    samples.get(run.setting()).firstTestEnd.add(result.firstTestEndMillis());
                    samples.get(run.setting()).phases.add(result.phases());
                }
            }
            if (round >= warmUp) {
                pair.forEach((setting, wall) -> samples.get(setting).add(wall[0], wall[1]));
            }
            System.err.printf("time to first test: round %d of %d done%s%n", round + 1, warmUp + rounds,
                    round < warmUp ? " (warm-up)" : "");
        }
        return report(image, rounds, warmUp, smoke, noDocker, samples);
    }

    /** The wall times of one setting, paired by round. */
    static final class Samples {
        final List<Long> one = new ArrayList<>();
        final List<Long> zero = new ArrayList<>();
        final List<Long> differences = new ArrayList<>();
        final List<Long> firstTestEnd = new ArrayList<>();
        /** The one-test runs' phases, each the milliseconds since the previous phase ended. */
        final List<Map<String, Long>> phases = new ArrayList<>();

        void add(long oneTest, long zeroTests) {
            one.add(oneTest);
            zero.add(zeroTests);
            differences.add(oneTest - zeroTests);
        }
    }

    /** One child JVM: the class with one test, or the class with none. */
    record Run(Setting setting, boolean oneTest) {

        Result execute(String classPath) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(setting.properties());
            command.add("-cp");
            command.add(classPath);
            command.add(FirstTestMain.class.getName());
            command.add((oneTest ? setting.oneTest() : FirstTestCases.NoTests.class).getName());
            try {
                Path output = Files.createTempFile("dbtest-first-test", ".log");
                try {
                    command.add(1, "-Dbenchmark.launched=" + System.currentTimeMillis());
                    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                            .redirectOutput(output.toFile());
                    long start = System.nanoTime();
                    Process process = builder.start();
                    if (!process.waitFor(180, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                        throw new IllegalStateException(describe() + " did not end within 180 s:\n"
                                + Files.readString(output, StandardCharsets.UTF_8));
                    }
                    long wallMillis = (System.nanoTime() - start) / 1_000_000;
                    String log = Files.readString(output, StandardCharsets.UTF_8);
                    if (process.exitValue() != 0) {
                        throw new IllegalStateException(describe() + " failed (exit " + process.exitValue() + "):\n"
                                + log);
                    }
                    Map<String, Long> marks = new LinkedHashMap<>();
                    for (String line : log.split("\n")) {
                        Matcher mark = MARK.matcher(line.strip());
                        if (mark.matches()) {
                            marks.put(mark.group(1), Long.parseLong(mark.group(2)));
                        }
                    }
                    if (oneTest && !marks.containsKey("FIRST_TEST_END")) {
                        throw new IllegalStateException(describe() + " ran no test:\n" + log);
                    }
                    marks.put("EXIT", wallMillis);
                    return new Result(wallMillis, marks.getOrDefault("FIRST_TEST_END", -1L), phases(marks));
                } finally {
                    Files.deleteIfExists(output);
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not run " + describe() + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + describe(), e);
            }
        }

        private String describe() {
            return "the " + (oneTest ? "one-test" : "zero-test") + " run with " + setting.name();
        }
    }

    /** A child's wall time, process start to exit, and the end of its first test (milliseconds since it started). */
    record Result(long wallMillis, long firstTestEndMillis, Map<String, Long> phases) {
    }

    /** The phases of a one-test run with an early start, in the order they happen, and what each is. */
    private static final Map<String, String> PHASES = new LinkedHashMap<>();

    static {
        PHASES.put("EARLY_START_BEGUN", "the JVM, the launcher, until discovery begins and the early start with it");
        PHASES.put("DOCKER_ANSWERED", "Testcontainers' Docker client: loading its classes, finding the socket, "
                + "ping, info");
        PHASES.put("CONTAINER_READY", "the image checks, creating and starting the container, PostgreSQL up");
        PHASES.put("FIRST_TEST_START", "the schema's database, its tables, the pool (and the rest of discovery, "
                + "where it was slower)");
        PHASES.put("FIRST_TEST_END", "the test");
        PHASES.put("EXECUTED", "the end of the run: the container's removal");
        PHASES.put("EXIT", "the JVM's end (Testcontainers' shutdown hook)");
    }

    /** Each phase's length (ms since the one before), when the run has every mark; else empty. */
    private static Map<String, Long> phases(Map<String, Long> marks) {
        Map<String, Long> lengths = new LinkedHashMap<>();
        long previous = 0;
        for (String phase : PHASES.keySet()) {
            Long at = marks.get(phase);
            if (at == null) {
                return Map.of();
            }
            lengths.put(phase, at - previous);
            previous = at;
        }
        return lengths;
    }

    private static String report(String image, int rounds, int warmUp, boolean smoke, String noDocker,
            Map<Setting, Samples> samples) {
        StringBuilder out = new StringBuilder();
        out.append("## 4. Time to first test\n\n");
        out.append(String.format(Locale.ROOT, "Each figure is the wall time of a child JVM (`java -cp <the "
                + "benchmark's class path> %s`), from the process's start to its exit, running the JUnit Platform "
                + "launcher on one class. The one-test run selects a `@DatabaseTest` class with one test (a schema of "
                + "two entities, one row made by fixtures and counted back), or, for the plain Testcontainers setting, "
                + "the same test written by hand (a `PostgreSQLContainer` of the same image started and stopped in "
                + "the test, the tables made by SQL); the zero-test run selects a class with "
                + "no tests, so it pays the JVM, the launcher and discovery but nothing of dbtest. Their difference, "
                + "taken in each round, is the time to first test: Docker, the container's start, the schema, the "
                + "test, and the container's stop at the end. The settings take turns in rotating order; %d %s%s. "
                + "PostgreSQL is the image `%s`, already on the Docker host; Java %s, %d cores%s.%n%n",
                FirstTestMain.class.getSimpleName(), rounds, rounds == 1 ? "round" : "rounds",
                warmUp > 0 ? " after " + warmUp + " warm-up round" + (warmUp > 1 ? "s" : "") : ", no warm-up",
                image, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                smoke ? " (smoke run: one round, figures are indicative only)" : ""));
        out.append("| setting | one-test run median | zero-test run median | time to first test (difference) "
                + "| spread (min-max of the differences) |\n");
        out.append("|---|---|---|---|---|\n");
        samples.forEach((setting, s) -> out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s - %s |%n",
                setting.name(), seconds(median(s.one)), seconds(median(s.zero)), seconds(median(s.differences)),
                seconds(Collections.min(s.differences)), seconds(Collections.max(s.differences)))));
        if (noDocker != null) {
            out.append("\nThe PostgreSQL settings were not measured: Docker cannot be used here (").append(noDocker)
                    .append(").\n");
        }
        out.append("\nFrom the JVM's start to the end of the first test, as the child saw it (median, min - max): ");
        List<String> firstTest = new ArrayList<>();
        samples.forEach((setting, s) -> firstTest.add(String.format(Locale.ROOT, "%s %s (%s - %s)", setting.name(),
                seconds(median(s.firstTestEnd)), seconds(Collections.min(s.firstTestEnd)),
                seconds(Collections.max(s.firstTestEnd)))));
        out.append(String.join("; ", firstTest)).append(".\n\n");
        Setting early = SETTINGS.get(0);
        if (samples.containsKey(early) && samples.get(early).phases.stream().noneMatch(Map::isEmpty)) {
            out.append(String.format(Locale.ROOT, "Where the one-test run's time goes, with the early start (%s; "
                    + "each phase's median over the rounds, from the child's marks and its early start's clock; "
                    + "the zero-test run's %s is spent in the first and the last):%n%n", early.name(),
                    seconds(median(samples.get(early).zero))));
            out.append("| phase | median | spread |\n|---|---:|---:|\n");
            PHASES.forEach((phase, what) -> {
                List<Long> lengths = samples.get(early).phases.stream().map(p -> p.get(phase)).toList();
                out.append(String.format(Locale.ROOT, "| %s | %s | %s - %s |%n", what, seconds(median(lengths)),
                        seconds(Collections.min(lengths)), seconds(Collections.max(lengths))));
            });
            out.append('\n');
        }
        if (samples.containsKey(early)) {
            double measured = median(samples.get(early).differences) / 1000.0;
            out.append(String.format(Locale.ROOT, "goal: at most %.0f s with the container: %s (%.2f s)%n",
                    GOAL_SECONDS, measured <= GOAL_SECONDS ? "met" : "missed", measured));
            Setting plain = SETTINGS.get(SETTINGS.size() - 1);
            if (samples.containsKey(plain)) {
                double byHand = median(samples.get(plain).differences) / 1000.0;
                out.append(String.format(Locale.ROOT, "%ndbtest (early start) against the same test with plain "
                        + "Testcontainers: %.2f s against %.2f s, ratio %.2f%n", measured, byHand,
                        measured / byHand));
            }
        } else {
            out.append(String.format(Locale.ROOT, "goal: at most %.0f s with the container: not measured (no "
                    + "Docker)%n", GOAL_SECONDS));
        }
        return out.toString();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    /**
     * The class path the children run on: this class's own (under {@code mvn exec:java} it is a class loader's, not
     * the JVM's), unless {@code -Dbenchmark.classpath} says otherwise.
     */
    static String classPath() {
        String configured = System.getProperty("benchmark.classpath");
        if (configured != null) {
            return configured;
        }
        List<String> entries = new ArrayList<>();
        // Only this class's own loader: under exec:java its parents are Maven's.
        if (TimeToFirstTestBenchmark.class.getClassLoader() instanceof URLClassLoader urls) {
            {
                for (URL url : urls.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file: the children cannot use it
                    }
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }
}
