package dev.dbtest.junit;

import dev.dbtest.core.Dialect;
import dev.dbtest.assertions.QueryLog;
import dev.dbtest.fixtures.Fixtures;
import dev.dbtest.junit.internal.QueryChecks;
import dev.dbtest.junit.internal.ClassState;
import dev.dbtest.junit.internal.DbTestConfig;
import dev.dbtest.junit.internal.DbTestRuntime;
import dev.dbtest.junit.internal.SchemaDatabaseFactory;
import dev.dbtest.junit.internal.TestMethod;
import dev.dbtest.junit.internal.TestState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The extension behind {@link DatabaseTest}: it keeps the run's database in the root store, a {@link ClassState} per
 * test class in the class's store and a {@link TestState} per test in the test's store, and resolves the parameters.
 */
final class DatabaseTestExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, BeforeTestExecutionCallback, AfterTestExecutionCallback, ParameterResolver {

    static final Namespace NAMESPACE = Namespace.create(DatabaseTestExtension.class);
    private static final Set<String> CLAIMED_PACKAGES =
            Set.of("dev.dbtest.junit", "dev.dbtest.core", "dev.dbtest.fixtures", "dev.dbtest.assertions");

    @Override
    public void beforeAll(ExtensionContext context) {
        refuseNonTransactionalLifecycleMethods(context.getRequiredTestClass());
        classState(context);
    }

    /** {@code @NonTransactional} on a lifecycle method would be silently ignored: refused, naming the method. */
    private static void refuseNonTransactionalLifecycleMethods(Class<?> testClass) {
        for (Method method : AnnotationSupport.findAnnotatedMethods(testClass, NonTransactional.class,
                org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN)) {
            if (AnnotationSupport.isAnnotated(method, org.junit.jupiter.api.BeforeEach.class)
                    || AnnotationSupport.isAnnotated(method, org.junit.jupiter.api.AfterEach.class)
                    || AnnotationSupport.isAnnotated(method, BeforeAll.class)
                    || AnnotationSupport.isAnnotated(method, AfterAll.class)) {
                throw dev.dbtest.junit.internal.Messages.nonTransactionalOnLifecycleMethod(method.getName(),
                        testClass.getName());
            }
        }
    }

    /**
     * Whether the test runs in a test transaction: not when the method (or its class, or an enclosing class) carries
     * {@link NonTransactional}, nor when the class's {@code @DatabaseTest} says {@code transactional = false}.
     */
    private static boolean transactional(ExtensionContext context) {
        return transactional(context, testMethod(context));
    }

    private static boolean transactional(ExtensionContext context, TestMethod method) {
        return !method.optsOut() && CLASS_TRANSACTIONAL.get(context.getRequiredTestClass());
    }

    private static TestMethod testMethod(ExtensionContext context) {
        return TestMethod.of(context.getRequiredTestMethod(), context.getRequiredTestClass(), NonTransactional.class);
    }

    /**
     * Whether a class's tests are transactional unless a method says otherwise: no {@code @NonTransactional} on it or
     * an enclosing class, and its {@code @DatabaseTest} not {@code transactional = false}. Worked out once per class
     * (its annotations do not change), not in every test's {@code beforeEach}; a class the lookup refuses is not
     * cached, so each of its tests reports the mistake.
     */
    private static final ClassValue<Boolean> CLASS_TRANSACTIONAL = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> testClass) {
            for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
                if (AnnotationSupport.isAnnotated(current, NonTransactional.class)) {
                    return false;
                }
            }
            return annotation(testClass).transactional();
        }
    };

    @Override
    public void afterAll(ExtensionContext context) {
        runtime(context).budgets().classFinished(context.getRequiredTestClass().getName());
        ClassState state = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), ClassState.class);
        if (state != null) {
            state.close(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        DbTestConfig config = runtime(context).config();
        TestMethod method = testMethod(context);
        TestState test = classState(context).startTest(method.owner(context.getDisplayName()),
                uniqueTag(context, config), config.callers(), config.leaks(), transactional(context, method));
        context.getStore(NAMESPACE).put(TestState.class, test);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestState test = context.getStore(NAMESPACE).remove(TestState.class, TestState.class);
        if (test != null) {
            test.close(context);
        }
    }

    /** The test's QueryLog starts empty when its body starts: statements of @BeforeEach methods are not counted. */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        TestState test = context.getStore(NAMESPACE).get(TestState.class, TestState.class);
        if (test != null) {
            test.queries().clear();
        }
    }

    /** Checks @ExpectQueries, @MaxQueries and the query budget against the statements of the test's body. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        TestState test = context.getStore(NAMESPACE).get(TestState.class, TestState.class);
        if (test == null) {
            return;
        }
        var statements = test.queries().statements();
        String testClass = context.getRequiredTestClass().getName();
        TestMethod method = testMethod(context);
        String testKey = method.budgetKey(context::getUniqueId);
        DbTestRuntime runtime = runtime(context);
        runtime.report(testClass, testKey, statements);
        if (context.getExecutionException().isPresent()) {
            // An assumption that aborted the test is no failure: nothing to look at.
            if (runtime.config().keepOnFailure()
                    && !(context.getExecutionException().get() instanceof org.opentest4j.TestAbortedException)) {
                keepFailure(context, runtime, test, context.getExecutionException().get());
            }
            return; // the test failed already: its queries are beside the point
        }
        QueryChecks.check(method, statements);
        String shrank = runtime.budgets().check(testClass, testKey,
                () -> dev.dbtest.assertions.internal.QueryAnalysis.profile(statements));
        if (shrank != null) {
            context.publishReportEntry("dbtest.queries.budget", shrank);
        }
    }

    /**
     * {@code dbtest.keep-on-failure}: copies the failed test's rows before its {@code @AfterEach} methods and its
     * rollback, and says where they are in the log, in a report entry and beside the failure itself. A copy that fails
     * is reported the same way: the test's own failure always stands.
     */
    private static void keepFailure(ExtensionContext context, DbTestRuntime runtime, TestState test,
            Throwable failure) {
        String message;
        try {
            message = runtime.keepFailure(classState(context).database(), test,
                    context.getRequiredTestClass().getSimpleName(), context.getRequiredTestMethod().getName(),
                    context.getUniqueId());
        } catch (RuntimeException e) {
            message = e.getMessage();
        }
        if (message == null) {
            return;
        }
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabaseTestExtension.class);
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory) {
            System.err.println(message);
        } else {
            log.warn(message);
        }
        context.publishReportEntry("dbtest.kept", message);
        dev.dbtest.core.DbTestException note = new dev.dbtest.core.DbTestException(message);
        note.setStackTrace(new StackTraceElement[0]);
        failure.addSuppressed(note);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DataSource.class || type == Connection.class || type == TestDatabase.class
                || type == Fixtures.class || type == QueryLog.class
                || CLAIMED_PACKAGES.contains(type.getPackageName())
                || type.isInterface() && (type.getPackageName().equals("java.sql")
                        || type.getPackageName().equals("javax.sql"));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        boolean classLevel = isClassLevel(parameter.getDeclaringExecutable());
        if (type == TestDatabase.class) {
            return testDatabase(classState(context));
        }
        if (type == DataSource.class) {
            return classLevel ? classState(context).routingDataSource() : testState(context, parameter).dataSource();
        }
        if (type == QueryLog.class) {
            refuseAtClassLevel(classLevel, parameter, "a QueryLog holds the statements of one test",
                    "Take it as a parameter of the test method.");
            return testState(context, parameter).queries();
        }
        if (type == Fixtures.class) {
            refuseAtClassLevel(classLevel, parameter, "fixtures write rows into one test's transaction",
                    "Take Fixtures in a @BeforeEach method (rows made there are rolled back with each test), or write "
                            + "the class's rows through a DataSource parameter.");
            return testState(context, parameter).fixtures();
        }
        if (type == Connection.class) {
            refuseAtClassLevel(classLevel, parameter, "a Connection belongs to one test's transaction",
                    "Declare a javax.sql.DataSource parameter instead: its connections work in the class's "
                            + "transaction there, and in each test's transaction during the tests.");
            return testState(context, parameter).injectedConnection();
        }
        throw new ParameterResolutionException("@DatabaseTest cannot inject " + describe(parameter) + ": the type "
                + type.getName() + " is not one it provides. It injects javax.sql.DataSource, java.sql.Connection, "
                + "dev.dbtest.fixtures.Fixtures, dev.dbtest.assertions.QueryLog and dev.dbtest.junit.TestDatabase; "
                + "take a Connection and create what you need from it.");
    }

    // Per declaring class, then per executable: whether no test runs where it is called. Looked up once, not in every
    // test: the annotation searches were about 3 µs of each test that takes a parameter (async-profiler,
    // IsolationBenchmark). A ClassValue, so that a class loader's classes can still be unloaded.
    private static final ClassValue<Map<Executable, Boolean>> CLASS_LEVEL = new ClassValue<>() {
        @Override
        protected Map<Executable, Boolean> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** Whether no test runs where {@code executable} is called: a constructor, a {@code @BeforeAll}, {@code @AfterAll}. */
    static boolean isClassLevel(Executable executable) {
        return CLASS_LEVEL.get(executable.getDeclaringClass()).computeIfAbsent(executable,
                e -> e instanceof Constructor || AnnotationSupport.isAnnotated(e, BeforeAll.class)
                        || AnnotationSupport.isAnnotated(e, AfterAll.class));
    }

    /** What belongs to one test cannot be injected where no test runs: says why, and what to do instead. */
    private static void refuseAtClassLevel(boolean classLevel, ParameterContext parameter, String why, String fix) {
        if (classLevel) {
            throw new ParameterResolutionException("@DatabaseTest cannot inject " + describe(parameter) + ": " + why
                    + ", and no test runs in a " + (parameter.getDeclaringExecutable() instanceof Constructor
                    ? "constructor" : "@BeforeAll or @AfterAll method") + ". " + fix);
        }
    }

    private static TestState testState(ExtensionContext context, ParameterContext parameter) {
        TestState test = context.getStore(NAMESPACE).get(TestState.class, TestState.class);
        if (test == null) {
            throw new ParameterResolutionException("@DatabaseTest cannot inject " + describe(parameter)
                    + ": no test transaction is running there. DataSource and Connection parameters work in test "
                    + "methods, @BeforeEach and @AfterEach methods; a @BeforeAll method or constructor can take a "
                    + "DataSource.");
        }
        return test;
    }

    private static String describe(ParameterContext parameter) {
        Executable executable = parameter.getDeclaringExecutable();
        String where = executable instanceof Constructor
                ? "the constructor of " + executable.getDeclaringClass().getName()
                : "method " + executable.getName() + "() of " + executable.getDeclaringClass().getName();
        return "parameter [" + parameter.getParameter().getType().getSimpleName() + " "
                + parameter.getParameter().getName() + "] of " + where;
    }

    /** Returns the state of the class {@code context} belongs to, creating it (and its enclosing classes') on first use. */
    private static ClassState classState(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(testClass, key -> {
            ClassState enclosing = classContext.getParent()
                    .filter(parent -> parent.getElement().filter(Class.class::isInstance).isPresent())
                    .map(DatabaseTestExtension::classState)
                    .orElse(null);
            DbTestRuntime runtime = runtime(classContext);
            return new ClassState(testClass.getName(),
                    SchemaDatabaseFactory.forClass(runtime, testClass, annotation(testClass)),
                    enclosing, runsConcurrently(classContext, testClass), runtime.config().leaks(),
                    runtime.leakSites());
        }, ClassState.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (!current.getElement().filter(Class.class::isInstance).isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** The {@code @DatabaseTest} of the class, of a superclass, through a meta-annotation, or of an enclosing class. */
    private static DatabaseTest annotation(Class<?> testClass) {
        refuseTwoDatabaseTests(testClass);
        return dev.dbtest.junit.internal.DatabaseTestClasses.find(testClass).orElseThrow(() -> new IllegalStateException(
                testClass.getName() + " runs with dbtest's extension but carries no @DatabaseTest; annotate it with "
                        + "@DatabaseTest rather than @ExtendWith"));
    }

    /**
     * Refuses a class that carries {@code @DatabaseTest} more than once with different attributes: directly and
     * through a composed annotation, or through two composed annotations. Java would keep one silently (the first
     * found), and the class would run on a schema its author did not write.
     */
    private static void refuseTwoDatabaseTests(Class<?> testClass) {
        java.util.Map<DatabaseTest, String> found = new java.util.LinkedHashMap<>();
        for (java.lang.annotation.Annotation annotation : testClass.getDeclaredAnnotations()) {
            collect(annotation, "", found, new java.util.HashSet<>());
        }
        if (found.size() > 1) {
            var where = new java.util.ArrayList<>(found.values());
            throw dev.dbtest.junit.internal.Messages.twoDatabaseTests(testClass.getName(), where.get(0), where.get(1));
        }
    }

    private static void collect(java.lang.annotation.Annotation annotation, String through,
            java.util.Map<DatabaseTest, String> found, Set<Class<?>> seen) {
        Class<? extends java.lang.annotation.Annotation> type = annotation.annotationType();
        if (annotation instanceof DatabaseTest databaseTest) {
            found.putIfAbsent(databaseTest, describe(databaseTest) + (through.isEmpty() ? " (directly)" : " (through "
                    + through + ")"));
            return;
        }
        if (type.getPackageName().startsWith("java.lang") || !seen.add(type)) {
            return;
        }
        for (java.lang.annotation.Annotation meta : type.getDeclaredAnnotations()) {
            collect(meta, through.isEmpty() ? "@" + type.getSimpleName() : through + ", @" + type.getSimpleName(),
                    found, seen);
        }
    }

    /** {@code @DatabaseTest(...)} with the attributes that are set, as written in source. */
    private static String describe(DatabaseTest annotation) {
        List<String> attributes = new java.util.ArrayList<>();
        add(attributes, "entities", java.util.Arrays.stream(annotation.entities()).map(c -> c.getSimpleName() + ".class")
                .toList());
        add(attributes, "entityPackages", quoted(annotation.entityPackages()));
        add(attributes, "migrations", quoted(annotation.migrations()));
        add(attributes, "scripts", quoted(annotation.scripts()));
        add(attributes, "factories", java.util.Arrays.stream(annotation.factories())
                .map(c -> c.getSimpleName() + ".class").toList());
        if (!annotation.naming().isEmpty()) {
            attributes.add("naming = \"" + annotation.naming() + "\"");
        }
        if (!annotation.transactional()) {
            attributes.add("transactional = false");
        }
        return "@DatabaseTest(" + String.join(", ", attributes) + ")";
    }

    private static List<String> quoted(String[] values) {
        return java.util.Arrays.stream(values).map(value -> "\"" + value + "\"").toList();
    }

    private static void add(List<String> attributes, String name, List<String> values) {
        if (!values.isEmpty()) {
            attributes.add(name + " = " + (values.size() == 1 ? values.get(0) : "{" + String.join(", ", values) + "}"));
        }
    }

    private static DbTestRuntime runtime(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(DbTestRuntime.class,
                key -> new DbTestRuntime(DbTestConfig.read(context::getConfigurationParameter)), DbTestRuntime.class);
    }

    /**
     * Whether tests of the class may run at the same time: parallel execution is on and the class (or an enclosing
     * class, or one of its methods) says {@code CONCURRENT}, or nothing says and the default mode is concurrent.
     */
    private static boolean runsConcurrently(ExtensionContext context, Class<?> testClass) {
        boolean parallel = context.getConfigurationParameter("junit.jupiter.execution.parallel.enabled")
                .map(Boolean::parseBoolean).orElse(false);
        if (!parallel) {
            return false;
        }
        boolean concurrentMethod = AnnotationSupport.findAnnotatedMethods(testClass, Execution.class,
                        org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN).stream()
                .anyMatch(method -> method.getAnnotation(Execution.class).value() == ExecutionMode.CONCURRENT);
        if (concurrentMethod) {
            return true;
        }
        for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
            Optional<Execution> declared = AnnotationSupport.findAnnotation(current, Execution.class);
            if (declared.isPresent()) {
                return declared.get().value() == ExecutionMode.CONCURRENT;
            }
        }
        return context.getConfigurationParameter("junit.jupiter.execution.parallel.mode.default")
                .map(value -> ExecutionMode.valueOf(value.trim().toUpperCase(Locale.ROOT)))
                .orElse(ExecutionMode.SAME_THREAD) == ExecutionMode.CONCURRENT;
    }

    /**
     * "" when tests run one at a time; with parallel execution on, a tag of the test for the values fixtures give
     * unique columns: two transactions inserting the same key wait for each other (classes running side by side share
     * the database of their schema), so tests that may run together must not make the same ones. The tag depends on
     * the test's unique id alone, so a test sees the same values in every run.
     */
    private static String uniqueTag(ExtensionContext context, DbTestConfig config) {
        return config.parallelExecution() ? Integer.toString(context.getUniqueId().hashCode() & 0x1fffff, 36) : "";
    }

    private static TestDatabase testDatabase(ClassState state) {
        var database = state.database();
        return new TestDatabase() {
            @Override
            public Dialect dialect() {
                return database.dialect();
            }

            @Override
            public String url() {
                return database.spec().maskedUrl();
            }

            @Override
            public String username() {
                return database.spec().username();
            }

            @Override
            public String schemaName() {
                return database.name();
            }

            @Override
            public String toString() {
                return database.dialect().displayName() + " database " + database.name() + " at " + url();
            }
        };
    }

}
