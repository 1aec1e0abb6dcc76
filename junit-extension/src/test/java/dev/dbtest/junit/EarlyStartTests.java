package dev.dbtest.junit;

import com.github.dockerjava.api.model.Container;
import dev.dbtest.junit.internal.EarlyStartProbe;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.testcontainers.DockerClientFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

/**
 * The PostgreSQL container starts while JUnit discovers the tests ({@code dbtest.docker.early-start}): only when the
 * run selects {@code @DatabaseTest} classes and will use a container; the run adopts it; a failure of the early start
 * reads as the same failure of a start on first use; and a container started early but never adopted does not outlive
 * the JVM, even one that ends while the container starts.
 */
class EarlyStartTests {

    private static final String SESSION_LABEL = "org.testcontainers.sessionId";

    @BeforeEach
    @AfterEach
    void noStartWaits() {
        EarlyStartProbe.discardPending();
    }

    // --- when it starts early, and when not (no container is started by these) ------------------------------------

    @Test
    void aSelectedDatabaseTestClassMethodNestedClassOrUniqueIdCounts() {
        for (DiscoverySelector selector : List.of(selectClass(AdoptingTestCase.class),
                selectMethod(AdoptingTestCase.class, "insertsAndReads", DataSource.class.getName()),
                selectNestedClass(List.of(OuterTestCase.class), OuterTestCase.Inner.class),
                selectClass(InheritingTestCase.class), selectClass(MetaAnnotatedTestCase.class),
                selectUniqueId(UniqueId.forEngine("junit-jupiter").append("class", OuterTestCase.class.getName())
                        .append("nested-class", "Inner")))) {
            assertThat(EarlyStartProbe.selectsDatabaseTest(request(Map.of(), selector))).as(selector.toString())
                    .isTrue();
        }
    }

    @Test
    void aPlainClassOrAPackageScanDoesNotCount() {
        for (DiscoverySelector selector : List.of(selectClass(PlainTestCase.class),
                selectPackage(EarlyStartTests.class.getPackageName()),
                selectUniqueId(UniqueId.forEngine("junit-jupiter").append("class", PlainTestCase.class.getName())))) {
            assertThat(EarlyStartProbe.selectsDatabaseTest(request(Map.of(), selector))).as(selector.toString())
                    .isFalse();
        }
    }

    @Test
    void discoveryStartsNothingForAPlainClassH2AUrlOrWhenTurnedOff() {
        Launcher launcher = LauncherFactory.create();
        List<Map<String, String>> runs = List.of(
                Map.of("dbtest.database", "postgres", "class", PlainTestCase.class.getName()),
                Map.of("dbtest.database", "h2"),
                Map.of("dbtest.database", "url", "dbtest.url", "jdbc:postgresql://127.0.0.1:1/none"),
                Map.of("dbtest.url", "jdbc:postgresql://127.0.0.1:1/none"),
                Map.of("dbtest.database", "postgres", "dbtest.docker.early-start", "false"),
                Map.of("dbtest.database", "postgres", "dbtest.docker.early-start", "not-a-boolean"),
                Map.of("dbtest.database", "postgres", "package", "yes"));
        for (Map<String, String> run : runs) {
            Map<String, String> parameters = new HashMap<>(run);
            String testClass = parameters.remove("class");
            boolean byPackage = parameters.remove("package") != null;
            DiscoverySelector selector = byPackage ? selectPackage(AdoptingTestCase.class.getPackageName())
                    : selectClass(testClass != null ? testClass : AdoptingTestCase.class.getName());
            long before = EarlyStartProbe.lastBegunNanos();
            launcher.discover(request(parameters, selector));
            assertThat(EarlyStartProbe.pending()).as("a start waits after discovering %s with %s", selector, run)
                    .isFalse();
            assertThat(EarlyStartProbe.lastBegunNanos()).as("%s", run).isEqualTo(before);
        }
    }

    // --- with Docker ----------------------------------------------------------------------------------------------

    @Test
    void theContainerStartsDuringDiscoveryAndTheRunAdoptsIt() {
        Map<String, String> parameters = TestedDatabase.POSTGRES.parameters(); // skips, or fails in CI, without Docker
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request(parameters, selectClass(AdoptingTestCase.class)));
        long discovered = System.nanoTime();
        assertThat(EarlyStartProbe.pending()).as("a start begun during discovery waits for the run").isTrue();
        assertThat(EarlyStartProbe.lastBegunNanos()).isLessThan(discovered);
        String early = EarlyStartProbe.awaitLastServer();

        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(plan, summary);
        summary.getSummary().getFailures().forEach(failure -> failure.getException().printStackTrace());
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getSummary().getTotalFailureCount()).isZero();
        assertThat(EarlyStartProbe.pending()).as("the run claimed it").isFalse();
        assertThat(EarlyStartProbe.lastClaimed()).isTrue();
        String address = AdoptingTestCase.url.replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
        assertThat(early).as("the test ran on the container started early").contains("//" + address + "/");
        long[] timeline = dev.dbtest.junit.internal.EarlyStart.lastTimeline();
        assertThat(timeline).as("begun, Docker answered, container ready: in that order, all of them")
                .hasSize(3).doesNotContain(0L).isSorted();
        assertThat(timeline[0]).isEqualTo(EarlyStartProbe.lastBegunNanos());
    }

    @Test
    void aFailedEarlyStartFailsTheRunAsAStartOnFirstUseDoes() {
        TestedDatabase.POSTGRES.parameters();
        Map<String, String> parameters = Map.of("dbtest.database", "postgres", "dbtest.docker.pull-timeout", "5",
                "dbtest.postgres.image", "dbtest/no-such-image:404");
        Throwable lazy = Kit.failures(Kit.run(parameters, AdoptingTestCase.class)).get(0);

        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request(parameters, selectClass(AdoptingTestCase.class)));
        assertThat(EarlyStartProbe.pendingImage()).isEqualTo("dbtest/no-such-image:404");
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        launcher.execute(plan, new org.junit.platform.launcher.TestExecutionListener() {
            @Override
            public void executionFinished(org.junit.platform.launcher.TestIdentifier test, TestExecutionResult result) {
                result.getThrowable().ifPresent(failures::add);
            }
        });
        assertThat(EarlyStartProbe.lastClaimed()).isTrue();
        assertThat(failures).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(lazy.getClass())
                .hasMessage(lazy.getMessage());
    }

    @Test
    void aRunInAJvmOfItsOwnAdoptsTheContainerAndLeavesNothingRunning() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        try (ChildJvm child = ChildJvm.run(AdoptingTestCase.class, "-Ddbtest.database=postgres")) {
            assertThat(child.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = String.join("\n", child.output());
            assertThat(child.process().exitValue()).as(output).isZero();
            assertThat(output).contains("TEST insertsAndReads(DataSource) SUCCESSFUL")
                    .containsPattern("dbtest: using PostgreSQL in container [0-9a-f]{12} .*; started during test "
                            + "discovery, \\d+ ms before it was needed\\)");
            String container = output.replaceFirst("(?s).*using PostgreSQL in container ([0-9a-f]{12}).*", "$1");
            assertThat(DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                    .withIdFilter(List.of(container)).exec()).as(output).isEmpty();
        }
    }

    @Test
    void aContainerStartedEarlyButNeverAdoptedIsStoppedWhenTheJvmEnds() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        try (ChildJvm child = ChildJvm.runMain(Map.of(), DiscoverOnly.class, List.of("wait"))) {
            String started = child.awaitLine(line -> line.startsWith("STARTED ") || line.startsWith("FAILED "),
                    Duration.ofSeconds(120));
            assertThat(started).startsWith("STARTED PostgreSQL in container");
            String session = session(child);
            assertThat(containersOf(session)).as("the child's container, found by its session's label").hasSize(1);
            try (OutputStream input = child.process().getOutputStream()) {
                input.write("end\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(containersOf(session)).as(String.join("\n", child.output())).isEmpty();
        }
    }

    @Test
    void aJvmThatEndsWhileTheContainerStartsLeavesNothingRunning() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        try (ChildJvm child = ChildJvm.runMain(Map.of(), DiscoverOnly.class, List.of("exit"))) {
            assertThat(child.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = String.join("\n", child.output());
            assertThat(output).contains("EXITING while the container starts");
            assertThat(containersOf(session(child))).as(output).isEmpty();
        }
    }

    private static String session(ChildJvm child) throws InterruptedException {
        return child.awaitLine(line -> line.startsWith("SESSION "), Duration.ofSeconds(30)).substring(8);
    }

    /** The containers, running or not, that the Testcontainers session of a child JVM created. */
    private static List<Container> containersOf(String session) {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(SESSION_LABEL, session)).exec();
    }

    static LauncherDiscoveryRequest request(Map<String, String> parameters, DiscoverySelector selector) {
        return LauncherDiscoveryRequestBuilder.request().selectors(selector).configurationParameters(parameters)
                .build();
    }

    /**
     * A child JVM's main: discovers {@link AdoptingTestCase} on PostgreSQL and runs nothing. With {@code wait}, it
     * waits for the early container, names it, and ends when told to on its standard input; with {@code exit}, it
     * ends as soon as Docker answered, while the container starts.
     */
    public static final class DiscoverOnly {

        public static void main(String[] args) throws Exception {
            System.out.println("SESSION " + DockerClientFactory.SESSION_ID);
            LauncherFactory.create().discover(request(Map.of("dbtest.database", "postgres"),
                    selectClass(AdoptingTestCase.class)));
            if (!EarlyStartProbe.pending()) {
                System.out.println("FAILED no start began during discovery");
                System.exit(2);
            }
            String why = EarlyStartProbe.awaitLastProbe();
            if (why != null) {
                System.out.println("FAILED " + why);
                System.exit(2);
            }
            if (args[0].equals("wait")) {
                try {
                    System.out.println("STARTED " + EarlyStartProbe.awaitLastServer());
                } catch (RuntimeException e) {
                    System.out.println("FAILED " + e);
                    System.exit(2);
                }
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } else {
                System.out.println("EXITING while the container starts");
            }
            System.exit(0);
        }
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    static class AdoptingTestCase {

        static volatile String url;

        @org.junit.jupiter.api.Test
        void insertsAndReads(DataSource dataSource) throws Exception {
            Rows.insertItem(dataSource, 1, "early");
            assertThat(Rows.itemNames(dataSource)).containsExactly("early");
            try (var connection = dataSource.getConnection()) {
                url = connection.getMetaData().getURL();
            }
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class OuterTestCase {

        @Nested
        class Inner {

            @Test
            void nothing() {
            }
        }
    }

    static class InheritingTestCase extends AdoptingTestCase {
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @DatabaseTest(scripts = "schema.sql")
    @interface RepositoryTest {
    }

    @RepositoryTest
    static class MetaAnnotatedTestCase {

        @Test
        void nothing() {
        }
    }

    static class PlainTestCase {

        @Test
        void nothing() {
        }
    }
}
