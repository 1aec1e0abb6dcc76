package dev.dbtest.junit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL container started in the background before the run needs it: {@link EarlyStartListener} begins one
 * while JUnit discovers the tests, and the run's {@link DbTestRuntime} {@linkplain #claim claims} it when it chooses
 * its server, instead of starting one of its own. The start does what the runtime would do, in the same order (the
 * Docker probe, then the container), and keeps each outcome, failures included, for the runtime to meet exactly as if
 * it had done the work itself.
 *
 * <p>At most one start waits to be claimed in a JVM. One that no runtime claims (the run selected no test that
 * needed it, or chose another image) is stopped when the JVM ends, also while it is still starting: dbtest never
 * relies on Ryuk.
 */
public final class EarlyStart {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyStart.class);
    /** How long the JVM's end waits for a start still under way, beyond the image's pull timeout, to stop it. */
    private static final int STOP_GRACE_SECONDS = 60;

    private static final Object LOCK = new Object();
    /** The start that waits to be claimed; guarded by {@link #LOCK}. */
    private static EarlyStart pending;
    /** The last start begun in this JVM, for tests. */
    private static volatile EarlyStart last;

    private final String image;
    private final int pullTimeoutSeconds;
    private final boolean reuse;
    private final boolean keepable;
    private final boolean initdbSnapshot;
    private final String dockerHost;
    private final long begunNanos = System.nanoTime();
    /** When the Docker probe ended, and when the container was ready, in {@link System#nanoTime()}; 0 until then. */
    private volatile long probedNanos;
    private volatile long readyNanos;
    /** Why Docker cannot be used, or {@code null} when it can. */
    private final CompletableFuture<String> probe = new CompletableFuture<>();
    /** The started server; {@code null} when Docker cannot be used or the start was abandoned. */
    private final CompletableFuture<PostgresContainerServer> server = new CompletableFuture<>();
    private final Thread stopAtExit = new Thread(this::abandonAndWait, "dbtest-stop-early-postgres");
    private volatile boolean abandoned;
    private volatile boolean claimed;

    private EarlyStart(DbTestConfig config) {
        this.image = config.postgresImage();
        this.pullTimeoutSeconds = config.pullTimeoutSeconds();
        this.reuse = config.reuse();
        this.keepable = config.keepContainerOnFailure();
        this.initdbSnapshot = config.initdbSnapshot();
        this.dockerHost = config.dockerHost();
    }

    /**
     * Begins probing Docker and starting the container of {@code config} on a thread of its own, unless a start waits
     * to be claimed already. Returns at once.
     */
    static void begin(DbTestConfig config) {
        EarlyStart start;
        synchronized (LOCK) {
            if (pending != null) {
                return;
            }
            start = new EarlyStart(config);
            pending = start;
            last = start;
        }
        Runtime.getRuntime().addShutdownHook(start.stopAtExit);
        JdbcWarmUp.begin();
        Thread thread = new Thread(start::run, "dbtest-early-postgres");
        thread.setDaemon(true);
        thread.start();
        LOG.debug("dbtest: starting PostgreSQL ({}) while JUnit discovers the tests", start.image);
    }

    private void run() {
        String why;
        try {
            why = DockerProbe.whyNotAvailable(dockerHost);
            probedNanos = System.nanoTime();
            probe.complete(why);
        } catch (Throwable failure) {
            probe.completeExceptionally(failure);
            server.complete(null);
            return;
        }
        if (why != null || abandoned) {
            server.complete(null);
            return;
        }
        try {
            PostgresContainerServer started = new PostgresContainerServer(image, pullTimeoutSeconds, reuse, keepable,
                    initdbSnapshot, () -> abandoned);
            readyNanos = System.nanoTime();
            LOG.debug("dbtest: Docker answered {} ms after the early start began, the container was ready {} ms after "
                    + "that", (probedNanos - begunNanos) / 1_000_000, (readyNanos - probedNanos) / 1_000_000);
            server.complete(started);
        } catch (Throwable failure) {
            server.completeExceptionally(failure);
        }
    }

    /**
     * Takes the waiting start when it was begun with the settings of {@code config}, so that the caller owns its
     * outcome; returns {@code null} when there is none. A waiting start begun with other settings is stopped.
     */
    static EarlyStart claim(DbTestConfig config) {
        EarlyStart start;
        synchronized (LOCK) {
            start = pending;
            pending = null;
        }
        if (start == null) {
            return null;
        }
        start.claimed = true;
        if (start.image.equals(config.postgresImage()) && start.pullTimeoutSeconds == config.pullTimeoutSeconds()
                && start.reuse == config.reuse() && start.keepable == config.keepContainerOnFailure()
                && start.initdbSnapshot == config.initdbSnapshot()
                && Objects.equals(start.dockerHost, config.dockerHost())) {
            start.removeHook();
            return start;
        }
        LOG.debug("dbtest: the container started during discovery ({}) is not the one the run needs ({}); stopping it",
                start.image, config.postgresImage());
        start.discard();
        return null;
    }

    /** What {@link DockerProbe#whyNotAvailable} said: {@code null} when Docker can be used, else why not. */
    String whyNotAvailable() {
        try {
            return probe.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard();
            return "the Docker check was interrupted";
        } catch (ExecutionException e) {
            discard();
            throw rethrow(e.getCause());
        }
    }

    /** Waits for the container and returns it, or throws what starting it threw. */
    PostgresContainerServer server() {
        try {
            PostgresContainerServer started = server.get();
            if (started == null) {
                throw new IllegalStateException("the container's start was abandoned");
            }
            return started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard();
            throw new IllegalStateException("waiting for the container was interrupted", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }

    /**
     * Stops the container once its start ends (in the caller when it has ended, else on the starting thread); nobody
     * will use it. The shutdown hook, where it is still registered, stops it too when the JVM ends first.
     */
    private void discard() {
        abandoned = true;
        server.whenComplete((started, failure) -> {
            if (started != null) {
                started.close();
            }
        });
    }

    /** At the JVM's end, for a start nobody claimed: no container must outlive the JVM, one still starting neither. */
    private void abandonAndWait() {
        abandoned = true;
        try {
            PostgresContainerServer started = server.get(pullTimeoutSeconds + STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            if (started != null) {
                started.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // it failed to start (and stopped what it had started), or it hangs: nothing more can be done here
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs; it stops nothing that was claimed, since the claimer owns the server
        }
    }

    /** Milliseconds since the start began. */
    long millisSinceBegun() {
        return (System.nanoTime() - begunNanos) / 1_000_000;
    }

    /**
     * When the last early start of this JVM began, Docker answered it and its container was ready, in
     * {@link System#nanoTime()} (0 for what has not happened); {@code null} when none was begun. For the benchmarks.
     */
    public static long[] lastTimeline() {
        EarlyStart start = last;
        return start == null ? null : new long[] {start.begunNanos, start.probedNanos, start.readyNanos};
    }

    // --- for tests -------------------------------------------------------------------------------------------------

    /** The start that waits to be claimed, or {@code null}. */
    static EarlyStart pending() {
        synchronized (LOCK) {
            return pending;
        }
    }

    /** The last start begun in this JVM, or {@code null}. */
    static EarlyStart last() {
        return last;
    }

    /** When the start began, in {@link System#nanoTime()}. */
    long begunNanos() {
        return begunNanos;
    }

    /** Whether a runtime has claimed it. */
    boolean claimed() {
        return claimed;
    }

    /** The image it starts. */
    String image() {
        return image;
    }

    /** Stops the waiting start, if any, as a runtime would that does not want it. */
    static void discardPending() {
        EarlyStart start;
        synchronized (LOCK) {
            start = pending;
            pending = null;
        }
        if (start != null) {
            start.discard();
        }
    }
}
