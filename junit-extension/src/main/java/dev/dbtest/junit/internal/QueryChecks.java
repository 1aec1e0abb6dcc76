package dev.dbtest.junit.internal;

import dev.dbtest.assertions.DbAssertions;
import dev.dbtest.assertions.ExpectQueries;
import dev.dbtest.assertions.MaxQueries;
import dev.dbtest.assertions.QueryLog;
import dev.dbtest.assertions.QueryLogAssert;
import dev.dbtest.core.CapturedStatement;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/** {@link ExpectQueries} and {@link MaxQueries}, checked after a test's body with the same assertions a test writes. */
public final class QueryChecks {

    // What find() found, per test method, class and annotation type: the search walks meta-annotations, inherited ones
    // and enclosing classes, which cost about 35 µs a test here (async-profiler, IsolationBenchmark). Annotations do
    // not change while the JVM runs, so one answer holds for the run and for tests running in parallel.
    private static final java.util.Map<Lookup, Optional<? extends Annotation>> FOUND =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record Lookup(Method method, Class<?> testClass, Class<? extends Annotation> type) {
    }

    private QueryChecks() {
    }

    /** Checks the annotations of {@code method} (else of its class, or an enclosing class) against {@code body}. */
    public static void check(Method method, Class<?> testClass, List<CapturedStatement> body) {
        QueryLog log = QueryLog.of(body);
        find(method, testClass, ExpectQueries.class).ifPresent(expect -> apply(
                DbAssertions.assertThat(log).as(describe(expect, method)),
                new int[] {expect.select(), expect.insert(), expect.update(), expect.delete(), expect.total()},
                List.of(QueryLogAssert::hasSelectCount, QueryLogAssert::hasInsertCount, QueryLogAssert::hasUpdateCount,
                        QueryLogAssert::hasDeleteCount, QueryLogAssert::hasTotalCount)));
        find(method, testClass, MaxQueries.class).ifPresent(max -> apply(
                DbAssertions.assertThat(log).as(describe(max, method)),
                new int[] {max.select(), max.insert(), max.update(), max.delete(), max.total()},
                List.of(QueryLogAssert::hasAtMostSelects, QueryLogAssert::hasAtMostInserts,
                        QueryLogAssert::hasAtMostUpdates, QueryLogAssert::hasAtMostDeletes,
                        QueryLogAssert::hasAtMostStatements)));
    }

    /** Runs each check whose count is set (not -1), in the order select, insert, update, delete, total. */
    private static void apply(QueryLogAssert check, int[] counts,
            List<java.util.function.ObjIntConsumer<QueryLogAssert>> checks) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= 0) {
                checks.get(i).accept(check, counts[i]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <A extends Annotation> Optional<A> find(Method method, Class<?> testClass, Class<A> type) {
        return (Optional<A>) FOUND.computeIfAbsent(new Lookup(method, testClass, type),
                lookup -> search(method, testClass, type));
    }

    private static <A extends Annotation> Optional<A> search(Method method, Class<?> testClass, Class<A> type) {
        Optional<A> onMethod = AnnotationSupport.findAnnotation(method, type);
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
            Optional<A> onClass = AnnotationSupport.findAnnotation(current, type);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    private static String describe(Annotation annotation, Method method) {
        String text = annotation.toString().replace("@dev.dbtest.assertions.", "@").replace("=-1", "=")
                .replaceAll("(, )?\\w+=(?=[,)])", "").replace("(, ", "(");
        return text + " on " + method.getName() + "()";
    }
}
