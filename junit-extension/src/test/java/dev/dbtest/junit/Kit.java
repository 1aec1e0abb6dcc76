package dev.dbtest.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code ...TestCase} classes through the Jupiter engine, the way dbtest's users run their tests. */
final class Kit {

    /**
     * The Docker container a run's PostgreSQL runs in, found by the URL it was reached at: its published port on
     * loopback, or its own address on Docker's bridge (whose port, 5432, another container may publish too).
     */
    static com.github.dockerjava.api.model.Container containerOf(TestDatabase database) {
        java.net.URI url = java.net.URI.create(database.url().substring("jdbc:".length()));
        boolean onLoopback = url.getHost().equals("localhost") || url.getHost().equals("127.0.0.1");
        return org.testcontainers.DockerClientFactory.instance().client().listContainersCmd().exec().stream()
                .filter(candidate -> onLoopback
                        ? Arrays.stream(candidate.getPorts()).anyMatch(port ->
                                port.getPublicPort() != null && port.getPublicPort() == url.getPort())
                        : candidate.getNetworkSettings().getNetworks().values().stream()
                                .anyMatch(network -> url.getHost().equals(network.getIpAddress())))
                .findFirst().orElseThrow(() -> new AssertionError("no container is reached at " + database.url()));
    }


    private Kit() {
    }

    static EngineExecutionResults run(TestedDatabase database, Class<?>... testCases) {
        return run(database, Map.of(), testCases);
    }

    static EngineExecutionResults run(TestedDatabase database, Map<String, String> extra, Class<?>... testCases) {
        Map<String, String> parameters = new HashMap<>(database.parameters());
        parameters.putAll(extra);
        return run(parameters, testCases);
    }

    static EngineExecutionResults run(Map<String, String> parameters, Class<?>... testCases) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(parameters)
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .selectors(Arrays.stream(testCases).map(DiscoverySelectors::selectClass)
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    /**
     * Asserts that nothing failed and exactly {@code expected} tests passed (tests skipped by an assumption are
     * allowed), showing every failure's exception when not.
     */
    static void assertAllPassed(EngineExecutionResults results, int expected) {
        List<Throwable> failures = failures(results);
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " test case(s) failed; first: " + failures.get(0));
            failures.forEach(error::addSuppressed);
            throw error;
        }
        results.testEvents().assertStatistics(stats -> stats.succeeded(expected).failed(0));
    }

    /** Returns the exceptions of the failed tests and containers, in the order they failed. */
    static List<Throwable> failures(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class))
                .flatMap(result -> result.getThrowable().stream())
                .toList();
    }
}
