package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.internal.schema.Naming;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * dbtest's configuration, read once per run: each key from JUnit's configuration parameters ({@code -D} system
 * properties, {@code junit-platform.properties}), else from the environment variable beside it, else its default.
 */
public final class DbTestConfig {

    /** Which database the run uses. */
    public enum DatabaseChoice { AUTO, POSTGRES, H2, URL }

    public static final String DATABASE = "dbtest.database";
    public static final String URL = "dbtest.url";
    public static final String USERNAME = "dbtest.username";
    public static final String PASSWORD = "dbtest.password";
    public static final String POSTGRES_IMAGE = "dbtest.postgres.image";
    public static final String REQUIRE_DOCKER = "dbtest.require-docker";
    public static final String DOCKER_HOST = "dbtest.docker.host";
    public static final String NAMING = "dbtest.naming";
    public static final String QUERIES_BUDGET = "dbtest.queries.budget";
    public static final String QUERIES_BUDGET_DIR = "dbtest.queries.budget-dir";
    public static final String QUERIES_REPORT_DIR = "dbtest.queries.report-dir";
    public static final String QUERIES_CALLERS = "dbtest.queries.callers";
    public static final String LEAKS = "dbtest.leaks";
    public static final String LEAK_SITES = "dbtest.leaks.sites";
    public static final String PULL_TIMEOUT = "dbtest.docker.pull-timeout";
    public static final String EARLY_START = "dbtest.docker.early-start";
    public static final String INITDB_SNAPSHOT = "dbtest.docker.initdb-snapshot";
    public static final String REUSE = "dbtest.reuse";
    public static final String KEEP_ON_FAILURE = "dbtest.keep-on-failure";

    /** What {@code dbtest.leaks} asks for when a test leaves connections open. */
    public enum LeakMode { WARN, FAIL, OFF }

    /** What {@code dbtest.queries.budget} asks for. */
    public enum BudgetMode { OFF, VERIFY, UPDATE }

    static final String DEFAULT_POSTGRES_IMAGE = "postgres:16-alpine";

    private final DatabaseChoice database;
    private final String url;
    private final String username;
    private final String password;
    private final String postgresImage;
    private final boolean requireDocker;
    private final String dockerHost;
    private final int parallelism;
    private final Naming naming;
    private final BudgetMode budgetMode;
    private final java.nio.file.Path budgetDirectory;
    private final java.nio.file.Path reportDirectory;
    private final boolean callers;
    private final LeakMode leaks;
    private final boolean leakSitesAlways;
    private final int pullTimeoutSeconds;
    private final boolean earlyStart;
    private final boolean initdbSnapshot;
    private final boolean reuseAsked;
    private final boolean reuse;
    private final boolean keepOnFailure;
    private final boolean onCi;
    private final boolean parallelExecution;

    private DbTestConfig(Function<String, Optional<String>> parameters, Map<String, String> environment) {
        Function<String, Optional<String>> read = key -> parameters.apply(key)
                .or(() -> Optional.ofNullable(environment.get(environmentName(key))))
                .map(String::trim)
                .filter(value -> !value.isEmpty());
        this.database = parseDatabase(read.apply(DATABASE).orElse("auto"));
        this.url = read.apply(URL).orElse(null);
        this.username = read.apply(USERNAME).orElse(null);
        this.password = read.apply(PASSWORD).orElse(null);
        this.postgresImage = read.apply(POSTGRES_IMAGE).orElse(DEFAULT_POSTGRES_IMAGE);
        this.requireDocker = parseBoolean(REQUIRE_DOCKER, read.apply(REQUIRE_DOCKER).orElse("false"));
        this.dockerHost = read.apply(DOCKER_HOST).orElse(null);
        this.parallelism = parallelism(parameters);
        this.parallelExecution = parameters.apply("junit.jupiter.execution.parallel.enabled")
                .map(Boolean::parseBoolean).orElse(false);
        this.naming = Naming.parse(read.apply(NAMING).orElse("jpa"), NAMING);
        this.budgetMode = parseBudget(read.apply(QUERIES_BUDGET).orElse("off"));
        this.budgetDirectory = java.nio.file.Path.of(read.apply(QUERIES_BUDGET_DIR)
                .orElse("src/test/resources/dbtest/queries"));
        this.reportDirectory = java.nio.file.Path.of(read.apply(QUERIES_REPORT_DIR).orElse("target/dbtest"));
        this.callers = parseBoolean(QUERIES_CALLERS, read.apply(QUERIES_CALLERS).orElse("true"));
        this.leaks = parseLeaks(read.apply(LEAKS).orElse("warn"));
        this.leakSitesAlways = parseLeakSites(read.apply(LEAK_SITES).orElse("after-first-leak"));
        this.pullTimeoutSeconds = parseSeconds(PULL_TIMEOUT, read.apply(PULL_TIMEOUT).orElse("120"));
        this.earlyStart = parseBoolean(EARLY_START, read.apply(EARLY_START).orElse("true"));
        this.initdbSnapshot = parseBoolean(INITDB_SNAPSHOT, read.apply(INITDB_SNAPSHOT).orElse("true"));
        this.reuseAsked = parseBoolean(REUSE, read.apply(REUSE).orElse("false"));
        // A CI machine must not keep containers between jobs: reuse is for a developer's machine.
        this.onCi = "true".equalsIgnoreCase(environment.getOrDefault("CI", "").trim());
        this.reuse = reuseAsked && !onCi;
        this.keepOnFailure = parseBoolean(KEEP_ON_FAILURE, read.apply(KEEP_ON_FAILURE).orElse("false"));
        if (database == DatabaseChoice.URL && url == null) {
            throw new DbTestException("dbtest.database=url needs the database's JDBC URL, and none is set. "
                    + "Set dbtest.url (or DBTEST_URL), for example -Ddbtest.url=jdbc:postgresql://localhost:5432/test, "
                    + "with dbtest.username and dbtest.password when the server asks for them.");
        }
    }

    /** Every key dbtest reads. */
    static final java.util.List<String> KEYS = java.util.List.of(DATABASE, URL, USERNAME, PASSWORD, POSTGRES_IMAGE,
            REQUIRE_DOCKER, DOCKER_HOST, PULL_TIMEOUT, EARLY_START, INITDB_SNAPSHOT, REUSE, KEEP_ON_FAILURE, NAMING, QUERIES_BUDGET,
            QUERIES_BUDGET_DIR, QUERIES_REPORT_DIR, QUERIES_CALLERS, LEAKS, LEAK_SITES);

    /**
     * Reads the configuration from JUnit's parameters and the process environment, after checking the {@code dbtest.*}
     * keys it can see: one in {@code junit-platform.properties} that dbtest does not know fails the run, one as a system
     * property is logged as a warning (Maven passes its own {@code -D} properties on to the tests). A typo is never
     * silently ignored. (Environment variables are not checked: {@code DBTEST_*} names are used by other tools too.)
     */
    public static DbTestConfig read(Function<String, Optional<String>> parameters) {
        // System properties also carry what Maven passes on (-Ddbtest.version=... for a build): a warning, not a failure.
        unknownKey(System.getProperties().stringPropertyNames(), "a system property (-D)")
                .ifPresent(message -> LOG.warn("{} (dbtest reads it as nothing; if it is not meant for dbtest, "
                        + "ignore this line.)", message));
        checkKeys(junitPlatformProperties(), "junit-platform.properties");
        return new DbTestConfig(parameters, System.getenv());
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DbTestConfig.class);

    /** Fails on the first {@code dbtest.*} key of {@code keys} that dbtest does not know, naming the nearest it does. */
    static void checkKeys(java.util.Collection<String> keys, String where) {
        unknownKey(keys, where).ifPresent(message -> {
            throw new DbTestException(message);
        });
    }

    /** Says what is wrong with the first {@code dbtest.*} key of {@code keys} that dbtest does not know, if any. */
    static Optional<String> unknownKey(java.util.Collection<String> keys, String where) {
        for (String key : new java.util.TreeSet<>(keys)) {
            if (key.startsWith("dbtest.") && !KEYS.contains(key)) {
                String nearest = KEYS.stream().min(java.util.Comparator.comparingInt(
                        known -> dev.dbtest.core.internal.EditDistance.between(key, known))).orElseThrow();
                return Optional.of("dbtest does not know the configuration key '" + key + "', set as " + where
                        + ". Did you mean '" + nearest + "'? The keys are: " + String.join(", ", KEYS) + ".");
            }
        }
        return Optional.empty();
    }

    private static java.util.Set<String> junitPlatformProperties() {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            for (java.net.URL file : java.util.Collections.list((loader != null ? loader
                    : DbTestConfig.class.getClassLoader()).getResources("junit-platform.properties"))) {
                java.util.Properties properties = new java.util.Properties();
                try (java.io.InputStream in = file.openStream()) {
                    properties.load(in);
                }
                keys.addAll(properties.stringPropertyNames());
            }
        } catch (java.io.IOException e) {
            // JUnit reads the same file and says what is wrong with it
        }
        return keys;
    }

    static DbTestConfig read(Function<String, Optional<String>> parameters, Map<String, String> environment) {
        return new DbTestConfig(parameters, environment);
    }

    /** {@code dbtest.require-docker} becomes {@code DBTEST_REQUIRE_DOCKER}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static DatabaseChoice parseDatabase(String value) {
        try {
            return DatabaseChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DbTestException("dbtest.database has the value '" + value + "', which dbtest does not know. "
                    + "Use one of: auto (the default: dbtest.url if set, else PostgreSQL in Docker, else H2), "
                    + "postgres, h2, url.");
        }
    }

    private static BudgetMode parseBudget(String value) {
        try {
            return BudgetMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DbTestException(QUERIES_BUDGET + " has the value '" + value + "', which dbtest does not know. "
                    + "Use off (the default), verify (fail a test whose queries grew past its committed budget) or "
                    + "update (write every test's query profile as its new budget).");
        }
    }

    private static LeakMode parseLeaks(String value) {
        try {
            return LeakMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DbTestException(LEAKS + " has the value '" + value + "', which dbtest does not know. Use warn "
                    + "(the default: log the connections a test left open, with where each was taken), fail (fail "
                    + "the test instead) or off (take no note of where connections are taken).");
        }
    }

    private static boolean parseLeakSites(String value) {
        if (value.equalsIgnoreCase("always") || value.equalsIgnoreCase("after-first-leak")) {
            return value.equalsIgnoreCase("always");
        }
        throw new DbTestException(LEAK_SITES + " has the value '" + value + "', which dbtest does not know. Use "
                + "after-first-leak (the default: the run's first report of connections left open names each one's "
                + "thread and first statement; from then on every getConnection() records its stack) or always "
                + "(record the stack from the first test, at the cost of a stack walk per getConnection()).");
    }

    private static int parseSeconds(String key, String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new DbTestException(key + " has the value '" + value + "'; it must be a whole number of seconds, "
                + "greater than 0, such as 120.");
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new DbTestException(key + " has the value '" + value + "'; it must be true or false.");
    }

    /** How many tests JUnit may run at once, from its parallel-execution parameters. */
    private static int parallelism(Function<String, Optional<String>> parameters) {
        boolean parallel = parameters.apply("junit.jupiter.execution.parallel.enabled").map(Boolean::parseBoolean)
                .orElse(false);
        if (!parallel) {
            return 1;
        }
        String strategy = parameters.apply("junit.jupiter.execution.parallel.config.strategy").orElse("dynamic");
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            if (strategy.equalsIgnoreCase("fixed")) {
                return Integer.parseInt(parameters.apply("junit.jupiter.execution.parallel.config.fixed.parallelism")
                        .orElse(String.valueOf(cores)));
            }
            double factor = Double.parseDouble(parameters.apply("junit.jupiter.execution.parallel.config.dynamic.factor")
                    .orElse("1"));
            return Math.max(1, (int) Math.ceil(factor * cores));
        } catch (NumberFormatException e) {
            return cores;
        }
    }

    public DatabaseChoice database() {
        return database;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String postgresImage() {
        return postgresImage;
    }

    public boolean requireDocker() {
        return requireDocker;
    }

    /** How entity names become table and column names, unless a class's {@code @DatabaseTest(naming)} says. */
    public Naming naming() {
        return naming;
    }

    public String dockerHost() {
        return dockerHost;
    }

    /** Whether query budgets are verified, updated or ignored. */
    /** Whether JUnit runs tests in parallel ({@code junit.jupiter.execution.parallel.enabled}), read once per run. */
    public boolean parallelExecution() {
        return parallelExecution;
    }

    public BudgetMode budgetMode() {
        return budgetMode;
    }

    /** Where the budget files of test classes are ({@code <class name>.yml}). */
    public java.nio.file.Path budgetDirectory() {
        return budgetDirectory;
    }

    /** Whether statement capture finds each statement's caller (a stack walk per statement). */
    public boolean callers() {
        return callers;
    }

    /** How long dbtest waits for Docker to pull the PostgreSQL image when it is not on the Docker host. */
    public int pullTimeoutSeconds() {
        return pullTimeoutSeconds;
    }

    /**
     * Whether the PostgreSQL container is started in the background while JUnit discovers the tests, when the run
     * selects {@code @DatabaseTest} classes and will use a container ({@link EarlyStart}).
     */
    public boolean earlyStart() {
        return earlyStart;
    }

    /**
     * Whether containers start from an image of the PostgreSQL image with its data directory initialised already,
     * made on the first run that needs it ({@link InitdbSnapshot}).
     */
    public boolean initdbSnapshot() {
        return initdbSnapshot;
    }

    /**
     * Whether the PostgreSQL container and its template databases are kept after the run, for the next run to adopt
     * ({@code dbtest.reuse=true}, ignored when {@code CI=true}).
     */
    public boolean reuse() {
        return reuse;
    }

    /** Whether {@code dbtest.reuse=true} was set, and ignored because {@code CI=true}. */
    public boolean reuseIgnoredOnCi() {
        return reuseAsked && !reuse;
    }

    /**
     * Whether the data of a failed test is copied into a database of its own, kept after the run for inspection
     * ({@code dbtest.keep-on-failure=true}); see {@link FailureCopy}.
     */
    public boolean keepOnFailure() {
        return keepOnFailure;
    }

    /** Whether {@code CI=true}: no one inspects a private container after a CI run, so none is kept. */
    public boolean onCi() {
        return onCi;
    }

    /**
     * Whether a private container is made so that it can outlive the run (without Testcontainers' session label),
     * kept when a failed test's data was copied into it: {@code dbtest.keep-on-failure=true}, not on CI, and not with
     * {@code dbtest.reuse}, whose container is kept anyway.
     */
    public boolean keepContainerOnFailure() {
        return keepOnFailure && !onCi && !reuse;
    }

    /** Whether this configuration has dbtest start PostgreSQL in a container (if Docker answers, for {@code auto}). */
    public boolean wouldStartContainer() {
        return database == DatabaseChoice.POSTGRES || database == DatabaseChoice.AUTO && url == null;
    }

    /** What to do about connections a test takes and leaves open. */
    public LeakMode leaks() {
        return leaks;
    }

    /**
     * Whether connections record where they were taken from the start of the run ({@code dbtest.leaks.sites=always}),
     * rather than from its first leak on.
     */
    public boolean leakSitesAlways() {
        return leakSitesAlways;
    }

    /** Where {@code queries.json} and {@code queries.md} are written after the run. */
    public java.nio.file.Path reportDirectory() {
        return reportDirectory;
    }

    /**
     * The pool size: one connection per test that can run at once, plus room for classes whose {@code @BeforeAll}
     * pinned a connection and for the schema set-up.
     */
    public int poolSize() {
        return Math.max(8, 2 * parallelism + 4);
    }
}
