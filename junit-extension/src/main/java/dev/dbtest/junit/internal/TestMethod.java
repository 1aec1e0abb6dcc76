package dev.dbtest.junit.internal;

import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a test method's declaration tells each of its tests, worked out on its first test instead of in every one:
 * the names dbtest gives it, whether it opts out of the test transaction, its query annotations. Annotations do not
 * change while the JVM runs, so one answer holds for the run and for tests running in parallel.
 *
 * <p>Looking these up in every test cost about 4 µs of dbtest's 9 µs per empty test (async-profiler,
 * IsolationBenchmark's empty tests): the annotation searches walk meta-annotations and enclosing classes, and the
 * invocation number needs the test's unique id, which JUnit builds as a string on each call.
 */
public final class TestMethod {

    // Per test class, then per method: a method inherited by two test classes can have different class annotations.
    private static final ClassValue<Map<Method, TestMethod>> BY_CLASS = new ClassValue<>() {
        @Override
        protected Map<Method, TestMethod> computeValue(Class<?> testClass) {
            return new ConcurrentHashMap<>();
        }
    };

    private final Method method;
    private final boolean optsOut;
    private final String owner;
    private final String signature;
    private final String displayPrefix;
    private final boolean invoked;
    private final QueryChecks.Found queryChecks;

    private TestMethod(Method method, Class<?> testClass, Class<? extends java.lang.annotation.Annotation> optOut) {
        this.method = method;
        this.optsOut = AnnotationSupport.isAnnotated(method, optOut);
        this.owner = testClass.getSimpleName() + "." + method.getName() + "()";
        StringBuilder signature = new StringBuilder(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            signature.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        this.signature = signature.append(')').toString();
        this.displayPrefix = method.getName() + "(";
        // A @Test method runs once; any other test method (@RepeatedTest, @ParameterizedTest, a @TestTemplate, a
        // @TestFactory's tests) runs as invocations, each with its own number.
        // So does every test of a class template (@ParameterizedClass), in each of the class's invocations.
        this.invoked = !AnnotationSupport.isAnnotated(method, Test.class) || inClassTemplate(testClass);
        this.queryChecks = QueryChecks.Found.on(method, testClass);
    }

    private static boolean inClassTemplate(Class<?> testClass) {
        for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(current, org.junit.jupiter.api.ClassTemplate.class)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the facts of {@code method} run as a test of {@code testClass}.
     *
     * @param optOut the annotation that takes a method out of the test transaction ({@code @NonTransactional})
     */
    public static TestMethod of(Method method, Class<?> testClass,
            Class<? extends java.lang.annotation.Annotation> optOut) {
        Map<Method, TestMethod> methods = BY_CLASS.get(testClass);
        TestMethod known = methods.get(method);
        if (known == null) {
            known = new TestMethod(method, testClass, optOut); // a lookup that throws is not remembered: asked again
            methods.putIfAbsent(method, known);
        }
        return known;
    }

    Method method() {
        return method;
    }

    /** Whether the method itself carries the opt-out annotation. */
    public boolean optsOut() {
        return optsOut;
    }

    private static final String INVOCATION = "invocation:#"; // in a unique id: [test-template-invocation:#2]

    /** {@code Class.method()}, as messages name the test, with {@code [display name]} for one invocation of several. */
    public String owner(String displayName) {
        return displayName.startsWith(displayPrefix) ? owner : owner + " [" + displayName + "]";
    }

    /**
     * The name of a test in its class's query budget: the method with its parameter types, and the invocation's
     * number for a parameterized or repeated test (with the class's invocation before it, {@code [2/3]}, in a class
     * template). Display names are left out: renaming them must not lose a budget.
     *
     * @param uniqueId the test's unique id, asked for only when the method runs as invocations
     */
    public String budgetKey(java.util.function.Supplier<String> uniqueId) {
        if (!invoked) {
            return signature;
        }
        // [engine:...]/[class-template-invocation:#2]/[...]/[test-template-invocation:#3]: the numbers after each
        // "invocation:#", outermost first. Read with indexOf, not split: this runs after every invoked test. A segment's
        // value cannot hold "invocation:#" or "]": JUnit encodes ':' and ']' in values.
        String id = uniqueId.get();
        StringBuilder numbers = new StringBuilder();
        for (int at = id.indexOf(INVOCATION); at >= 0; at = id.indexOf(INVOCATION, at)) {
            at += INVOCATION.length();
            int end = id.indexOf(']', at);
            if (end < 0) {
                break;
            }
            numbers.append(numbers.length() == 0 ? "" : "/").append(id, at, end);
            at = end;
        }
        return numbers.length() == 0 ? signature : signature + " [" + numbers + "]";
    }

    QueryChecks.Found queryChecks() {
        return queryChecks;
    }
}
