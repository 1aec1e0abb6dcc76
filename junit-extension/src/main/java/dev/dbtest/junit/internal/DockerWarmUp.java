package dev.dbtest.junit.internal;

import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;

import javax.net.ssl.SSLContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Does, on a thread of its own, one-off work of a JVM's first talk with Docker that Testcontainers would otherwise do
 * on the run's critical path, while the probe of Docker runs. A wall-clock profile (async-profiler) of a one-test run
 * showed about 0.5 s of it on the thread that probes Docker and starts the container. The steps, in the order that
 * thread needs them:
 * <ol>
 *   <li>docker-java's JSON mapper, which Testcontainers makes first while it looks for Docker (about 0.15 s);</li>
 *   <li>the JDK's default TLS context, which docker-java's HTTP client makes even for a Unix socket: it reads the
 *       trust store (about 0.12 s);</li>
 *   <li>the mapping of Docker's answers to info, image inspect, container create and inspect, and of a container's
 *       host configuration (about 0.2 s). Testcontainers maps with a copy of the mapper warmed here, with caches of
 *       its own: what carries over is the classes loaded and the code compiled.</li>
 * </ol>
 * Measured side by side (the one-test run of {@code TimeToFirstTestBenchmark}, 16 rounds each, alternating), it
 * brought the first test 0.07-0.16 s sooner. Best effort, once per JVM: a step that fails (another Testcontainers
 * version, whose shaded names differ) is left out; {@link #cancel()} stops it between steps when there is no Docker.
 */
final class DockerWarmUp {

    private static final AtomicBoolean BEGUN = new AtomicBoolean();
    private static volatile boolean cancelled;
    /** docker-java's configuration, shaded into Testcontainers: its static {@code getDefaultObjectMapper()}. */
    static final String CLIENT_CONFIG = "org.testcontainers.shaded.com.github.dockerjava.core.DockerClientConfig";
    /** The answers of Docker whose mapping the warm-up prepares, in the order a run reads them. */
    private static final List<Class<?>> ANSWERS = List.of(Info.class, InspectImageResponse.class,
            CreateContainerResponse.class, InspectContainerResponse.class);

    private DockerWarmUp() {
    }

    /** Begins the warm-up, unless it was begun before in this JVM. Returns at once. */
    static void begin() {
        if (BEGUN.compareAndSet(false, true)) {
            Thread thread = new Thread(() -> run(() -> cancelled), "dbtest-docker-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops the warm-up before its next step: Docker is not there, and the run needs the CPU for other work. */
    static void cancel() {
        cancelled = true;
    }

    /** Runs the steps until {@code cancelled} says to stop; returns the names of those that worked (for tests). */
    static List<String> run(java.util.function.BooleanSupplier cancelled) {
        List<String> done = new ArrayList<>();
        Object mapper = null;
        try {
            mapper = Class.forName(CLIENT_CONFIG, true, DockerWarmUp.class.getClassLoader())
                    .getMethod("getDefaultObjectMapper").invoke(null);
            done.add("mapper");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException absent) {
            // another Testcontainers: its own first call makes its mapper
        }
        if (cancelled.getAsBoolean()) {
            return done;
        }
        try {
            SSLContext.getDefault();
            done.add("tls");
        } catch (java.security.NoSuchAlgorithmException | RuntimeException unavailable) {
            // the client makes it, or fails, itself
        }
        if (mapper == null) {
            return done;
        }
        try {
            Method read = mapper.getClass().getMethod("readValue", String.class, Class.class);
            for (Class<?> answer : ANSWERS) {
                if (cancelled.getAsBoolean()) {
                    return done;
                }
                read.invoke(mapper, "{}", answer);
            }
            done.add("answers");
            mapper.getClass().getMethod("writeValueAsBytes", Object.class).invoke(mapper, new HostConfig()
                    .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(5432))));
            done.add("host-config");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException changed) {
            // the steps before this one still count
        }
        return done;
    }
}
