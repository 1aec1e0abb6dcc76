package dev.dbtest.benchmarks;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs test classes through the JUnit Platform launcher, interleaved: each round runs every class once, in an order
 * rotated by one from the round before, so that no contender is always first. Times each class's repeated test (the
 * container of a {@code @RepeatedTest} or {@code @TestTemplate}: every invocation with its {@code @BeforeEach} and
 * {@code @AfterEach}, but not the class's set-up) and keeps one sample per measured round.
 */
final class TimedRounds {

    private TimedRounds() {
    }

    /**
     * Runs {@code rounds} rounds, the first {@code warmUp} of them not measured, and returns each class's samples in
     * nanoseconds (keyed by simple name, in the order of {@code classes}). Any failed test ends the run.
     */
    static Map<String, List<Long>> run(List<Class<?>> classes, Map<String, String> parameters, int rounds, int warmUp) {
        return run(classes, parameters, rounds, warmUp, () -> {
        });
    }

    /**
     * As {@link #run(List, Map, int, int)}, with {@code beforeEachRound} run (untimed) before each round: it puts the
     * server back in the same state for every round, so that no round pays for what an earlier one left.
     */
    static Map<String, List<Long>> run(List<Class<?>> classes, Map<String, String> parameters, int rounds, int warmUp,
            Runnable beforeEachRound) {
        return run(classes, parameters, Map.of(), rounds, warmUp, beforeEachRound);
    }

    /**
     * As {@link #run(List, Map, int, int, Runnable)}; each class {@code overrides} names runs in a launch of its own in
     * every round, with its parameters over {@code parameters} (dbtest reads its configuration once per launch), the
     * launches of a round in rotating order too.
     */
    static Map<String, List<Long>> run(List<Class<?>> classes, Map<String, String> parameters,
            Map<Class<?>, Map<String, String>> overrides, int rounds, int warmUp, Runnable beforeEachRound) {
        Launcher launcher = LauncherFactory.create();
        Map<String, List<Long>> nanos = new LinkedHashMap<>();
        classes.forEach(type -> nanos.put(type.getSimpleName(), Collections.synchronizedList(new ArrayList<>())));
        for (int round = 0; round < rounds; round++) {
            beforeEachRound.run();
            List<Class<?>> order = new ArrayList<>(classes);
            Collections.rotate(order, round);
            Map<String, Long> started = new ConcurrentHashMap<>();
            AtomicInteger failures = new AtomicInteger();
            boolean measured = round >= warmUp;
            TestExecutionListener timer = new TestExecutionListener() {
                @Override
                public void executionStarted(TestIdentifier test) {
                    if (isRepeatedTest(test)) {
                        started.put(test.getUniqueId(), System.nanoTime());
                    }
                }

                @Override
                public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failures.incrementAndGet();
                        result.getThrowable().ifPresent(Throwable::printStackTrace);
                    }
                    if (isRepeatedTest(test) && measured) {
                        String contender = ((MethodSource) test.getSource().orElseThrow()).getJavaClass()
                                .getSimpleName();
                        nanos.get(contender).add(System.nanoTime() - started.get(test.getUniqueId()));
                    }
                }
            };
            List<List<Class<?>>> launches = new ArrayList<>();
            List<Class<?>> together = order.stream().filter(type -> !overrides.containsKey(type)).toList();
            if (!together.isEmpty()) {
                launches.add(together);
            }
            classes.stream().filter(overrides::containsKey).forEach(type -> launches.add(List.of(type)));
            Collections.rotate(launches, round); // each launch takes every place in turn
            for (List<Class<?>> launch : launches) {
                Map<String, String> launchParameters = new LinkedHashMap<>(parameters);
                launchParameters.putAll(overrides.getOrDefault(launch.get(0), Map.of()));
                launcher.execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(launch.stream().map(DiscoverySelectors::selectClass).toList())
                        .configurationParameters(launchParameters)
                        .configurationParameter("junit.jupiter.testclass.order.default", RoundOrder.class.getName())
                        .configurationParameter(RoundOrder.KEY, String.join(",",
                                launch.stream().map(Class::getName).toList()))
                        .build(), timer);
            }
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " benchmark tests failed in round " + (round + 1));
            }
            System.out.printf("round %d of %d done%s%n", round + 1, rounds, measured ? "" : " (warm-up)");
        }
        return nanos;
    }

    private static boolean isRepeatedTest(TestIdentifier test) {
        return test.isContainer() && test.getSource().filter(MethodSource.class::isInstance).isPresent();
    }

    /** Runs the classes in the order the round lists them, so that contenders take turns being first. */
    public static final class RoundOrder implements ClassOrderer {

        static final String KEY = "bench.order";

        @Override
        public void orderClasses(ClassOrdererContext context) {
            List<String> order = List.of(context.getConfigurationParameter(KEY).orElseThrow().split(","));
            context.getClassDescriptors().sort(Comparator.comparingInt(
                    (ClassDescriptor descriptor) -> order.indexOf(descriptor.getTestClass().getName())));
        }
    }
}
