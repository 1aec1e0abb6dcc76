package dev.dbtest.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs every benchmark of issue 8 and writes {@code benchmarks/RESULTS.md}: the machine, each benchmark's medians and
 * spreads, each ratio and each goal. All on PostgreSQL in a container, through Testcontainers (the image in
 * {@code DBTEST_POSTGRES_IMAGE}).
 *
 * <pre>
 * mvn -q install -DskipTests &amp;&amp; mvn -q -pl benchmarks exec:exec@results                 # about 15 minutes
 * mvn -q -pl benchmarks exec:exec@results -Dbenchmarks.args="smoke out=target/RESULTS-smoke.md"   # each once, CI
 * mvn -q -pl benchmarks exec:exec@results -Dbenchmarks.args="only=isolation,capture"
 * </pre>
 * Arguments: {@code smoke} runs each benchmark once at a tiny size (it checks they run, it measures nothing);
 * {@code out=<file>} (default {@code RESULTS.md} in the working directory, the module's); {@code only=<names>} of
 * {@code isolation}, {@code capture}, {@code fixtures}, {@code first-test}.
 */
public final class RunAll {

    private static final List<String> ALL = List.of("isolation", "capture", "fixtures", "first-test");

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = false;
        Path out = Path.of("RESULTS.md");
        List<String> only = ALL;
        for (String arg : args) {
            if (arg.equals("smoke")) {
                smoke = true;
            } else if (arg.startsWith("out=")) {
                out = Path.of(arg.substring(4));
            } else if (arg.startsWith("only=")) {
                only = Arrays.asList(arg.substring(5).split(","));
                if (!ALL.containsAll(only)) {
                    throw new IllegalArgumentException("only= takes some of " + ALL + ", not " + only);
                }
            } else if (!arg.isBlank()) {
                throw new IllegalArgumentException("unknown argument '" + arg + "': RunAll takes smoke, out=<file>, "
                        + "only=" + String.join(",", ALL));
            }
        }
        IsolationBenchmark.smoke = smoke;
        long started = System.nanoTime();
        Map<String, String> sections = new LinkedHashMap<>();
        String server;
        try (BenchServer postgres = new BenchServer()) {
            server = postgres.version() + " in a container of the image `" + postgres.image
                    + "`, started by Testcontainers, with `fsync=off`, `synchronous_commit=off` and `autovacuum=off` "
                    + "(a `VACUUM` between rounds instead), reached " + (postgres.direct()
                    ? "at the container's own address on Docker's bridge, as dbtest reaches the container it starts "
                            + "(not through Docker's port proxy: section 2 compares the two)"
                    : "through the port Docker published (the container's own address is not this machine's)");
            if (only.contains("isolation")) {
                sections.put("isolation", IsolationBenchmark.markdown(postgres, smoke));
            }
            if (only.contains("fixtures")) {
                sections.put("fixtures", FixturesBenchmark.markdown(postgres, smoke));
            }
        }
        if (only.contains("capture")) {
            // On one CPU with its container (the JMH fork inherits the JVM's CPU), unless -Dbench.pin=false.
            boolean pinned = Pinning.pinThisJvm();
            try {
                sections.put("capture", capture(smoke, Pinning.describe(pinned)));
            } finally {
                Pinning.unpinThisJvm();
            }
        }
        if (only.contains("first-test")) {
            sections.put("first-test", TimeToFirstTestBenchmark.markdown(smoke));
        }
        StringBuilder results = new StringBuilder("# dbtest benchmarks: results\n\n");
        if (smoke) {
            results.append("**Smoke run: each benchmark ran once at a tiny size. These figures measure nothing.**\n\n");
        }
        results.append(machine(server, Duration.ofNanos(System.nanoTime() - started)));
        for (String name : ALL) {
            if (sections.containsKey(name)) {
                results.append('\n').append(sections.get(name));
            }
        }
        Files.writeString(out, results, StandardCharsets.UTF_8);
        System.out.println(results);
        System.out.println("written: " + out.toAbsolutePath());
    }

    /** Issue 8, part 2: JMH, one prepared primary-key SELECT through each of the {@link CaptureContenders}. */
    private static String capture(boolean smoke, String placement) throws RunnerException, java.sql.SQLException {
        ChainedOptionsBuilder options = new OptionsBuilder().include(CaptureBenchmark.class.getName() + "\\.")
                // The fork inherits the JVM's CPU, and puts its container there when this JVM is pinned.
                .jvmArgsAppend("-D" + Pinning.PINNED_BY_PARENT + "=" + Pinning.pinThisJvm());
        if (smoke) {
            options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200))
                    .forks(0);
        }
        Map<String, Statistics> results = new LinkedHashMap<>();
        for (RunResult result : new Runner(options.build()).run()) {
            String benchmark = result.getParams().getBenchmark();
            results.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), result.getPrimaryResult().getStatistics());
        }
        StringBuilder out = new StringBuilder("## 2. Statement capture\n\n");
        out.append("JMH (`CaptureBenchmark`): one prepared primary-key `SELECT` (prepare, bind, execute, read the row, "
                + "close) through a raw pooled connection in a transaction, through dbtest's capturing handle "
                + "(every statement recorded with its parameters, type, duration, thread and caller), and through "
                + "datasource-proxy with a listener that keeps every statement, all three over one and the same pooled "
                + "connection (one server process; two connections differ by up to a quarter here). Average time per "
                + "operation, "
                + (smoke ? "smoke settings" : "5 warm-up and 10 measured iterations of 1 s, one fork") + ". Both "
                + "tables of this section: " + placement + ".\n\n");
        out.append("| contender | µs per statement, mean | ± (99.9 %) | spread of the iterations | ratio to raw |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        double raw = results.get("raw").getMean();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("raw", "raw pooled connection");
        labels.put("dbtest", "dbtest's handle");
        labels.put("dbtestAutoCommit", "dbtest's handle in (emulated) auto-commit mode");
        labels.put("datasourceProxy", "datasource-proxy");
        labels.forEach((name, label) -> {
            Statistics statistics = results.get(name);
            double error = statistics.getN() > 2 ? statistics.getMeanErrorAt(0.999) : Double.NaN;
            out.append(String.format("| %s | %.1f | %.1f | %.1f - %.1f | %.2f |%n", label, statistics.getMean(), error,
                    statistics.getMin(), statistics.getMax(), statistics.getMean() / raw));
        });
        out.append("\nGoal:\n\n");
        IsolationBenchmark.goal(out, "dbtest at most 1.10 times raw", results.get("dbtest").getMean() / raw,
                "at most", 1.10);
        out.append('\n').append(CaptureOverheadBenchmark.markdown(smoke));
        return out.toString();
    }

    private static String machine(String server, Duration took) {
        StringBuilder out = new StringBuilder("## The machine\n\n");
        out.append("- Run: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(", took ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s\n");
        out.append("- CPU: ").append(cpu()).append(", ").append(Pinning.CPUS)
                .append(" cores available\n");
        out.append("- Memory: ").append(memory()).append('\n');
        out.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append('\n');
        out.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(", ")
                .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())).append('\n');
        out.append("- Database: ").append(server).append('\n');
        out.append("- dbtest: ").append(gitCommit()).append('\n');
        out.append("\nThe machine is shared and noisy: compare the ratios of one run, not times across runs.\n");
        return out.toString();
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                    .map(line -> String.format("%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024))
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? "commit " + commit : "unknown commit";
        } catch (IOException e) {
            return "unknown commit";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown commit";
        }
    }
}
