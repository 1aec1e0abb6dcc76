package dev.dbtest.junit.internal;

import dev.dbtest.core.Dialect;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * PostgreSQL in a container started through Testcontainers, once per run, stopped by {@link #close()} (and by a
 * shutdown hook when the JVM ends first): dbtest never relies on Ryuk. The container gets a random password and, when
 * Docker runs on this machine, publishes its port on the loopback address only.
 */
final class PostgresContainerServer implements DatabaseServer {

    private static final int POSTGRES_PORT = 5432;
    private static final String USERNAME = "dbtest";
    /** How long each ask whether PostgreSQL answers at the published port may take. */
    private static final int PROBE_MILLIS = 1_000;
    /** How long PostgreSQL may take to answer at the published port after its log said it was ready. */
    static final long ANSWER_PATIENCE_MILLIS = 20_000;
    /** Why a start ends early when the JVM ends while it runs (an {@link EarlyStart} nobody will claim). */
    private static final String ABANDONED = "the start of the container was abandoned: the JVM is ending";

    /** The label that marks a container kept between runs; its value is the hash of the container's configuration. */
    static final String REUSE_LABEL = "dev.dbtest.reuse";
    /** The label of a container that may outlive the run, to keep the data of failed tests (dbtest.keep-on-failure). */
    static final String KEEP_ON_FAILURE_LABEL = "dev.dbtest.keep-on-failure";
    private static final String[] COMMAND = {"postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=300"};

    private final PostgreSQLContainer container; // null for a container adopted from an earlier run
    private final String containerId;
    private final ConnectionSpec admin;
    private final Thread shutdownHook;
    private final String image;
    private final boolean reuse;
    private final boolean adopted;
    private final boolean keepable;
    /** The initdb snapshot the container was started from, or {@code null}: the image itself. */
    private String startedFrom;
    /** Whether the snapshot's spare database ({@link InitdbSnapshot#SPARE}) is still there to be renamed. */
    private boolean spare;
    /** Set when a failed test's data was copied into this container: close() then leaves it running. */
    private volatile boolean keptForInspection;
    private RunDatabases runs;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    PostgresContainerServer(String image, int pullTimeoutSeconds) {
        this(image, pullTimeoutSeconds, false, false, true, () -> false);
    }

    /**
     * Starts the container, unless {@code abandoned} says, once the image is there, that nobody will use it (the JVM
     * ends while an {@link EarlyStart} pulls the image). With {@code reuse}, adopts the running container an earlier
     * run kept with the same configuration, or starts one that is kept after this run. With {@code keepable}, the
     * container is made so that it can outlive the JVM, and is kept after the run when a failed test's data was copied
     * into it ({@link #keepForInspection}). With {@code initdbSnapshot}, the container is started from the image's
     * {@link InitdbSnapshot}, made first when there is none.
     */
    PostgresContainerServer(String image, int pullTimeoutSeconds, boolean reuse, boolean keepable,
            boolean initdbSnapshot, BooleanSupplier abandoned) {
        this.image = image;
        this.reuse = reuse;
        this.keepable = keepable && !reuse;
        JdbcWarmUp.begin();
        DockerImageName imageName = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
        ensureImage(imageName, pullTimeoutSeconds);
        String reuseHash = reuse ? reuseHash(image) : null;
        // Two runs starting at once on one machine must adopt one container, not start two.
        try (MachineLock ignored = reuse ? MachineLock.take("reuse-" + reuseHash, "dbtest.reuse") : null) {
            ConnectionSpec kept = reuse ? adoptKept(reuseHash) : null;
            if (kept != null) {
                this.container = null;
                this.containerId = keptId;
                this.admin = kept;
                this.adopted = true;
                this.shutdownHook = null;
                return;
            }
            this.adopted = false;
            InitdbSnapshot.Snapshot snapshot = initdbSnapshot ? InitdbSnapshot.obtain(DockerClientFactory.instance()
                    .client(), ImageNameSubstitutor.instance().apply(imageName).asCanonicalNameString(), USERNAME,
                    abandoned) : null;
            this.startedFrom = snapshot == null ? null : snapshot.name();
            this.spare = snapshot != null;
            String password = snapshot != null ? snapshot.password()
                    : HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            this.container = new PostgreSQLContainer(snapshot == null ? imageName
                    : DockerImageName.parse(snapshot.name()).asCompatibleSubstituteFor("postgres"))
                    .withDatabaseName(InitdbSnapshot.DATABASE)
                    .withUsername(USERNAME)
                    .withPassword(password)
                    // A test database needs no durability: these make writes several times faster.
                    .withCommand(COMMAND);
            if (snapshot != null) {
                // Initialised already: the server starts once, without the entrypoint's temporary server before it.
                this.container.waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 1)
                        .withStartupTimeout(java.time.Duration.ofSeconds(60)));
            }
            boolean local = dockerHostIsThisMachine();
            this.container.withCreateContainerCmdModifier(command -> {
                if (local) {
                    // Published on the loopback address only: a test database with a known user must not be
                    // reachable from the network. (A remote Docker host publishes on all its addresses, or the tests
                    // could not reach it.)
                    command.getHostConfig().withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"),
                            ExposedPort.tcp(POSTGRES_PORT)));
                }
                if (reuseHash != null || this.keepable) {
                    // Testcontainers adds its session label after the modifiers; with it, its reaper (Ryuk, or its
                    // JVM hook without Ryuk) would remove the container when the JVM ends. This map refuses it.
                    java.util.Map<String, String> labels = new WithoutSessionLabel();
                    labels.putAll(command.getLabels());
                    labels.put(reuseHash != null ? REUSE_LABEL : KEEP_ON_FAILURE_LABEL,
                            reuseHash != null ? reuseHash : "true");
                    command.withLabels(labels);
                }
            });
            if (abandoned.getAsBoolean()) {
                throw new IllegalStateException(ABANDONED);
            }
            this.container.start();
            this.containerId = container.getContainerId();
            if (reuse) {
                this.shutdownHook = null; // kept for the next run
            } else {
                this.shutdownHook = new Thread(this::stopContainer, "dbtest-stop-postgres");
                try {
                    Runtime.getRuntime().addShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM began to end while the container started (one started early, during discovery): nobody
                    // will use it, and no hook could stop it later.
                    stopContainer();
                    throw shuttingDown;
                }
            }
            // Docker on this machine: the container's own address, when PostgreSQL answers there, skips Docker's port
            // proxy. Else the published port, once PostgreSQL answers there too.
            String published = container.getJdbcUrl();
            String url = local ? ContainerAddress.jdbcUrl(published, container.getContainerInfo(), POSTGRES_PORT)
                    : published;
            if (url.equals(published)) {
                awaitAnswer(container.getHost(), container.getMappedPort(POSTGRES_PORT), abandoned);
                if (local) {
                    // It answers now: the container's own address may have been a moment from ready too.
                    url = ContainerAddress.jdbcUrl(published, container.getContainerInfo(), POSTGRES_PORT);
                }
            }
            this.admin = new ConnectionSpec(url, container.getUsername(), container.getPassword());
        }
    }

    /**
     * Returns once PostgreSQL answers at the published {@code host:port}; else removes the container and throws.
     * Its log said it was ready, but twice in CI the first connection after that was reset by Docker's port proxy,
     * which reached no server in the container: the wait the log gives is not enough on its own.
     */
    private void awaitAnswer(String host, int port, BooleanSupplier abandoned) {
        awaitAnswer(containerId.substring(0, 12), host, port, ANSWER_PATIENCE_MILLIS,
                () -> stopped.get() || abandoned.getAsBoolean(), this::containerState, this::logTail, () -> {
                    if (!stopContainer()) {
                        return false; // the hook tries again at the JVM's end
                    }
                    if (shutdownHook != null) {
                        try {
                            Runtime.getRuntime().removeShutdownHook(shutdownHook);
                        } catch (IllegalStateException alreadyShuttingDown) {
                            // the hook runs, or has run
                        }
                    }
                    return true;
                });
    }

    /** PostgreSQL in the container never answered at its published port. */
    static final class NotAnswering extends IllegalStateException {
        NotAnswering(String message) {
            super(message);
        }
    }

    /**
     * {@link #awaitAnswer(String, int, BooleanSupplier)}, given how to describe and remove the container
     * {@code shortId}: returns once PostgreSQL answers at {@code host:port} within {@code patienceMillis}; else runs
     * {@code remove} (which says whether it removed the container) and throws {@link NotAnswering}. Gives up at once
     * when {@code stop} says the start is abandoned or the container stopped, or when the thread is interrupted.
     */
    static void awaitAnswer(String shortId, String host, int port, long patienceMillis, BooleanSupplier stop,
                            java.util.function.Supplier<String> state, java.util.function.Supplier<String> logTail,
                            BooleanSupplier remove) {
        long begun = System.nanoTime();
        PostgresProbe.Outcome outcome = PostgresProbe.await(host, port, PROBE_MILLIS, patienceMillis, any -> true,
                stop);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
        if (outcome.last() == PostgresProbe.Answer.ANSWERED) {
            if (outcome.tries() > 1) {
                org.slf4j.LoggerFactory.getLogger(PostgresContainerServer.class).info("dbtest: PostgreSQL in "
                        + "container {} logged that it was ready, but at {}:{} {}; it answered {} ms later, at try {}",
                        shortId, host, port, outcome.first().description(), millis, outcome.tries());
            }
            return;
        }
        if (stop.getAsBoolean()) {
            throw new IllegalStateException(ABANDONED);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while waiting for PostgreSQL in container " + shortId
                    + " to answer at " + host + ":" + port);
        }
        String described = state.get();
        String logged = logTail.get();
        boolean removed = remove.getAsBoolean();
        throw new NotAnswering("PostgreSQL in container " + shortId + " logged that it was ready to accept "
                + "connections, but at " + host + ":" + port + " (the port Docker published) "
                + outcome.last().description() + ", at each of " + outcome.tries() + " tries in " + millis + " ms. "
                + "The container was " + described + (removed ? ", and is removed now"
                : ", and could not be removed (docker rm -f " + shortId + ")") + ". Its log ended with:\n" + logged
                + "\n  Fix: see whether Docker's networking works here (docker run -p 5432 of the image, then psql to "
                + "the published port) and what the Docker daemon logged");
    }

    /** The container's state as Docker tells it, in words; for a message. */
    private String containerState() {
        try {
            var state = DockerClientFactory.instance().client().inspectContainerCmd(containerId).exec().getState();
            return Boolean.TRUE.equals(state.getRunning()) ? "running"
                    : "not running (status " + state.getStatus() + ", exit code " + state.getExitCodeLong() + ")";
        } catch (RuntimeException e) {
            return "of unknown state (" + e + ")";
        }
    }

    /** The last lines the container logged, indented; for a message. */
    private String logTail() {
        try {
            List<String> lines = container.getLogs().lines().toList();
            return "  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (RuntimeException e) {
            return "  (its log could not be read: " + e + ")";
        }
    }

    /** The id of the container {@link #adoptKept} found; set before the constructor reads it. */
    private String keptId;

    /**
     * Returns how to reach the running container an earlier run kept with this configuration, or {@code null} when
     * there is none that answers.
     */
    private ConnectionSpec adoptKept(String reuseHash) {
        DockerClient docker = DockerClientFactory.instance().client();
        java.util.List<com.github.dockerjava.api.model.Container> running = docker.listContainersCmd()
                .withLabelFilter(java.util.Map.of(REUSE_LABEL, reuseHash))
                .withStatusFilter(java.util.List.of("running"))
                .exec();
        for (com.github.dockerjava.api.model.Container candidate : running) {
            try {
                var inspected = docker.inspectContainerCmd(candidate.getId()).exec();
                java.util.Map<String, String> env = new java.util.HashMap<>();
                for (String entry : inspected.getConfig().getEnv()) {
                    int equals = entry.indexOf('=');
                    if (equals > 0) {
                        env.put(entry.substring(0, equals), entry.substring(equals + 1));
                    }
                }
                Ports.Binding[] bindings = inspected.getNetworkSettings().getPorts().getBindings()
                        .get(ExposedPort.tcp(POSTGRES_PORT));
                if (bindings == null || bindings.length == 0) {
                    continue;
                }
                String host = DockerClientFactory.instance().dockerHostIpAddress();
                String published = "jdbc:postgresql://" + host + ":" + bindings[0].getHostPortSpec() + "/postgres";
                ConnectionSpec spec = new ConnectionSpec(dockerHostIsThisMachine()
                        ? ContainerAddress.jdbcUrl(published, inspected, POSTGRES_PORT) : published,
                        env.get("POSTGRES_USER"), env.get("POSTGRES_PASSWORD"));
                try (Connection ignored = DriverManager.getConnection(spec.url(), spec.username(), spec.password())) {
                    keptId = candidate.getId();
                    return spec;
                }
            } catch (SQLException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(PostgresContainerServer.class).info("dbtest: the container {} kept "
                        + "by an earlier run does not answer ({}); starting another", candidate.getId(), e.toString());
            }
        }
        return null;
    }

    /** A hash of everything that makes the container what it is: a kept container is adopted only when it matches. */
    static String reuseHash(String image) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(("dbtest reuse 1\n" + image + "\n" + String.join(" ", COMMAND) + "\ndbtest")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Labels without Testcontainers' session label, which marks a container for removal when the JVM ends. */
    private static final class WithoutSessionLabel extends java.util.HashMap<String, String> {
        private static final long serialVersionUID = 1L;

        @java.lang.Override
        public String put(String key, String value) {
            return DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL.equals(key) ? null : super.put(key, value);
        }

        @java.lang.Override
        public void putAll(java.util.Map<? extends String, ? extends String> labels) {
            labels.forEach(this::put);
        }
    }

    /**
     * Makes sure the image is on the Docker host: pulls it when it is not, waiting at most {@code timeoutSeconds}.
     * Testcontainers would retry a pull that cannot succeed for minutes (seen here: two attempts of 3.5 minutes each
     * for an image no registry has); dbtest gives up in bounded time and says why.
     */
    private static void ensureImage(DockerImageName requested, int timeoutSeconds) {
        // The name Testcontainers will run: a configured registry mirror (hub.image.name.prefix) applies here too.
        String image = ImageNameSubstitutor.instance().apply(requested).asCanonicalNameString();
        DockerClient docker = DockerClientFactory.instance().client();
        if (present(docker, image)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicReference<String> lastError = new AtomicReference<>();
        ResultCallback.Adapter<PullResponseItem> progress = new ResultCallback.Adapter<>() {
            @java.lang.Override
            public void onNext(PullResponseItem item) {
                if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                    lastError.set(item.getErrorDetail().getMessage());
                }
            }

            @java.lang.Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @java.lang.Override
            public void onComplete() {
                done.complete(null);
            }
        };
        String failure = null;
        try (ResultCallback.Adapter<PullResponseItem> pull = docker.pullImageCmd(image).exec(progress)) {
            done.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            failure = "the image is not on the Docker host, and pulling it did not finish within " + timeoutSeconds
                    + " s (dbtest.docker.pull-timeout)";
        } catch (ExecutionException e) {
            failure = "the image is not on the Docker host, and pulling it failed: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "pulling the image was interrupted";
        } catch (IOException | RuntimeException e) {
            failure = "the image is not on the Docker host, and pulling it failed: " + e;
        }
        if (failure == null && !present(docker, image)) {
            failure = "the image is not on the Docker host, and pulling it failed: "
                    + (lastError.get() != null ? lastError.get() : "Docker reported no error, yet has no such image");
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static boolean present(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException notHere) {
            return false;
        }
    }

    /** Whether Testcontainers reaches the containers' published ports on this machine's loopback address. */
    private static boolean dockerHostIsThisMachine() {
        try {
            return InetAddress.getByName(DockerClientFactory.instance().dockerHostIpAddress()).isLoopbackAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public String description() {
        return "PostgreSQL in container " + containerId.substring(0, 12) + " (image " + image
                + (startedFrom != null ? ", started from its initdb snapshot " + startedFrom : "") + ") at "
                + admin.maskedUrl() + (adopted ? ", kept by an earlier run (dbtest.reuse)"
                : reuse ? ", kept after the run (dbtest.reuse)" : "");
    }

    /** Whether this container was kept by an earlier run and adopted by this one. */
    boolean adopted() {
        return adopted;
    }

    String containerId() {
        return containerId;
    }

    /** How to reach the server as its superuser; for tests. */
    ConnectionSpec adminSpec() {
        return admin;
    }

    @Override
    public synchronized ConnectionSpec database(String name, SchemaBuilder builder) throws SQLException {
        if (reuse) {
            // Kept between runs, and maybe shared by runs at once: templates stay, each run works in its own clone.
            if (runs == null) {
                runs = new RunDatabases(admin);
            }
            return runs.database(name, builder, description());
        }
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
             Statement statement = connection.createStatement()) {
            if (!renameSpare(statement, name)) {
                // PostgreSQL 15 copies the template through the WAL by default, several times slower for a first
                // database than copying its files (about 0.5 s against 0.15 s here), whose checkpoints cost nothing
                // with fsync off.
                statement.execute("CREATE DATABASE " + name
                        + (connection.getMetaData().getDatabaseMajorVersion() >= 15 ? " STRATEGY = FILE_COPY" : ""));
            }
        }
        ConnectionSpec database = admin.withPostgresDatabase(name);
        builder.build(database);
        return database;
    }

    /**
     * Makes the snapshot's spare database {@code name}, once per container: returns whether it did. Anything in the way
     * (someone connected to it, or removed it) leaves {@code CREATE DATABASE} to make the database, as without a spare.
     */
    private boolean renameSpare(Statement statement, String name) {
        if (!spare) {
            return false;
        }
        spare = false;
        try {
            statement.execute("ALTER DATABASE " + InitdbSnapshot.SPARE + " RENAME TO " + name);
            return true;
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(PostgresContainerServer.class).debug("dbtest: the snapshot's spare "
                    + "database could not be renamed ({}); creating {}", e.getMessage(), name);
            return false;
        }
    }

    @Override
    public ConnectionSpec failureCopy(ConnectionSpec source, String name, SchemaBuilder builder) throws SQLException {
        return FailureCopy.createOnPostgres(admin, name, builder);
    }

    @Override
    public void dropFailureCopy(String name) {
        FailureCopy.dropOnPostgres(admin, name);
    }

    @Override
    public String howToConnect(ConnectionSpec copy) {
        String id = containerId.substring(0, 12);
        return FailureCopy.psql(copy, true) + "\n    or, without the password: docker exec -it " + id + " psql -U "
                + copy.username() + " " + copy.postgresDatabase();
    }

    @Override
    public String whyCopiesDoNotLast() {
        return reuse || keepable ? null : "CI=true: the container is stopped at the end of the run";
    }

    @Override
    public void keepForInspection() {
        if (keepable && !keptForInspection) {
            keptForInspection = true;
            // From now on the container outlives the JVM however it ends: Ctrl-C or SIGTERM must not take the copy.
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs, or has run
            }
        }
    }

    @Override
    public synchronized void close() {
        if (keepable && keptForInspection) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs, or has run: the JVM ends before the run did
            }
            String line = "dbtest: the container " + containerId.substring(0, 12) + " keeps running after the run: it "
                    + "holds the data of failed tests (dbtest.keep-on-failure=true); stop it with: docker rm -f "
                    + containerId.substring(0, 12);
            if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory) {
                System.err.println(line);
            } else {
                org.slf4j.LoggerFactory.getLogger(PostgresContainerServer.class).warn(line);
            }
            return;
        }
        if (reuse) {
            if (runs != null) {
                runs.close();
            }
            org.slf4j.LoggerFactory.getLogger(PostgresContainerServer.class).info("dbtest: the container {} keeps "
                    + "running for the next run (dbtest.reuse=true); stop it with: docker rm -f {}",
                    containerId.substring(0, 12), containerId.substring(0, 12));
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs, or has run, and stops the container
        }
        stopContainer();
    }

    /**
     * Stops the container once, whoever asks first: {@link #close()}, this server's hook or an early start's. Returns
     * false when this call tried and failed (logged); true otherwise.
     */
    private boolean stopContainer() {
        if (stopped.compareAndSet(false, true)) {
            // One call, where Testcontainers' stop() makes four (inspect, kill, inspect, remove).
            try {
                DockerClientFactory.instance().client().removeContainerCmd(containerId).withForce(true)
                        .withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // removed already
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(PostgresContainerServer.class).warn("dbtest: could not remove the "
                        + "container {}: {}; remove it with: docker rm -f {}", containerId.substring(0, 12),
                        e.toString(), containerId.substring(0, 12));
                stopped.set(false); // a later call (the JVM's hook) tries again
                return false;
            }
        }
        return true;
    }
}
