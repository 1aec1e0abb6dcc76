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

    private final PostgreSQLContainer container;
    private final ConnectionSpec admin;
    private final Thread shutdownHook;
    private final String image;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    PostgresContainerServer(String image, int pullTimeoutSeconds) {
        this(image, pullTimeoutSeconds, () -> false);
    }

    /**
     * Starts the container, unless {@code abandoned} says, once the image is there, that nobody will use it (the JVM
     * ends while an {@link EarlyStart} pulls the image).
     */
    PostgresContainerServer(String image, int pullTimeoutSeconds, BooleanSupplier abandoned) {
        this.image = image;
        DockerImageName imageName = DockerImageName.parse(image).asCompatibleSubstituteFor("postgres");
        ensureImage(imageName, pullTimeoutSeconds);
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        this.container = new PostgreSQLContainer(imageName)
                .withDatabaseName("postgres")
                .withUsername("dbtest")
                .withPassword(password)
                // A test database needs no durability: these make writes several times faster.
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off", "-c", "max_connections=300");
        if (dockerHostIsThisMachine()) {
            // Published on the loopback address only: a test database with a known user must not be reachable from
            // the network. (A remote Docker host publishes on all its addresses, or the tests could not reach it.)
            this.container.withCreateContainerCmdModifier(command -> command.getHostConfig().withPortBindings(
                    new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(POSTGRES_PORT))));
        }
        if (abandoned.getAsBoolean()) {
            throw new IllegalStateException("the start of the container was abandoned: the JVM is ending");
        }
        this.container.start();
        this.shutdownHook = new Thread(this::stopContainer, "dbtest-stop-postgres");
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM began to end while the container started (one started early, during discovery): nobody will
            // use it, and no hook could stop it later.
            stopContainer();
            throw shuttingDown;
        }
        this.admin = new ConnectionSpec(container.getJdbcUrl(), container.getUsername(), container.getPassword());
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
        return "PostgreSQL in container " + container.getContainerId().substring(0, 12) + " (image " + image + ") at "
                + admin.maskedUrl();
    }

    @Override
    public ConnectionSpec database(String name, SchemaBuilder builder) throws SQLException {
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        ConnectionSpec database = admin.withPostgresDatabase(name);
        builder.build(database);
        return database;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs, or has run, and stops the container
        }
        stopContainer();
    }

    /** Stops the container once, whoever asks first: {@link #close()}, this server's hook or an early start's. */
    private void stopContainer() {
        if (stopped.compareAndSet(false, true)) {
            container.stop();
        }
    }
}
