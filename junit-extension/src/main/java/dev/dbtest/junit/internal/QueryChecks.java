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

    private QueryChecks() {
    }

    /**
     * The query annotations that apply to a test method: its own, else its class's or an enclosing class's. Looked up
     * once per method (see {@link TestMethod}): the search walks meta-annotations, inherited ones and enclosing
     * classes, which cost about 35 µs a test here (async-profiler, IsolationBenchmark).
     */
    record Found(Optional<ExpectQueries> expect, Optional<MaxQueries> max) {

        static Found on(Method method, Class<?> testClass) {
            return new Found(search(method, testClass, ExpectQueries.class), search(method, testClass, MaxQueries.class));
        }

        boolean none() {
            return expect.isEmpty() && max.isEmpty();
        }
    }

    /** Checks the annotations found for {@code method} against {@code body}; nothing to do for most tests. */
    public static void check(TestMethod test, List<CapturedStatement> body) {
        Found found = test.queryChecks();
        if (found.none()) {
            return;
        }
        Method method = test.method();
        QueryLog log = QueryLog.of(body);
        found.expect().ifPresent(expect -> apply(
                DbAssertions.assertThat(log).as(describe(expect, method)),
                new int[] {expect.select(), expect.insert(), expect.update(), expect.delete(), expect.total()},
                List.of(QueryLogAssert::hasSelectCount, QueryLogAssert::hasInsertCount, QueryLogAssert::hasUpdateCount,
                        QueryLogAssert::hasDeleteCount, QueryLogAssert::hasTotalCount)));
        found.max().ifPresent(max -> apply(
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
