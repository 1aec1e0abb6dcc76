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

    /** Checks the annotations of {@code method} (else of its class, or an enclosing class) against {@code body}. */
    public static void check(Method method, Class<?> testClass, List<CapturedStatement> body) {
        QueryLog log = QueryLog.of(body);
        find(method, testClass, ExpectQueries.class).ifPresent(expect -> {
            QueryLogAssert check = DbAssertions.assertThat(log).as(describe(expect, method));
            if (expect.select() >= 0) {
                check.hasSelectCount(expect.select());
            }
            if (expect.insert() >= 0) {
                check.hasInsertCount(expect.insert());
            }
            if (expect.update() >= 0) {
                check.hasUpdateCount(expect.update());
            }
            if (expect.delete() >= 0) {
                check.hasDeleteCount(expect.delete());
            }
            if (expect.total() >= 0) {
                check.hasTotalCount(expect.total());
            }
        });
        find(method, testClass, MaxQueries.class).ifPresent(max -> {
            QueryLogAssert check = DbAssertions.assertThat(log).as(describe(max, method));
            if (max.select() >= 0) {
                check.hasAtMostSelects(max.select());
            }
            if (max.insert() >= 0) {
                check.hasAtMostInserts(max.insert());
            }
            if (max.update() >= 0) {
                check.hasAtMostUpdates(max.update());
            }
            if (max.delete() >= 0) {
                check.hasAtMostDeletes(max.delete());
            }
            if (max.total() >= 0) {
                check.hasAtMostStatements(max.total());
            }
        });
    }

    private static <A extends Annotation> Optional<A> find(Method method, Class<?> testClass, Class<A> type) {
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
