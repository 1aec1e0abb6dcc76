package dev.dbtest.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * JMH: one prepared primary-key SELECT through each of the {@link CaptureContenders}, on PostgreSQL in a container.
 * JMH runs the contenders one after the other; on a noisy machine {@link CaptureOverheadBenchmark}, which interleaves
 * them, gives the steadier ratio.
 *
 * <pre>
 * mvn -q -pl benchmarks -am install -DskipTests
 * mvn -q -pl benchmarks exec:exec -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath dev.dbtest.benchmarks.CaptureBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class CaptureBenchmark {

    private CaptureContenders contenders;

    @Setup(Level.Trial)
    public void start() throws SQLException {
        contenders = new CaptureContenders(false);
    }

    @Setup(Level.Iteration)
    public void clearLogs() {
        contenders.clearLogs();
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        contenders.close();
    }

    @Benchmark
    public String raw() throws SQLException {
        return contenders.select(contenders.use("raw"));
    }

    @Benchmark
    public String dbtest() throws SQLException {
        return contenders.select(contenders.use("dbtest"));
    }

    @Benchmark
    public String dbtestAutoCommit() throws SQLException {
        return contenders.select(contenders.use("dbtest, auto-commit"));
    }

    @Benchmark
    public String datasourceProxy() throws SQLException {
        return contenders.select(contenders.use("datasource-proxy"));
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(CaptureBenchmark.class.getSimpleName()).build()).run();
    }
}
