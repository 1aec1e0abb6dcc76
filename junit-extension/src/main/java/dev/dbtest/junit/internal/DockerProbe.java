package dev.dbtest.junit.internal;

import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Tells whether Docker can be used, and if not, why, in words a user can act on. */
public final class DockerProbe {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int PROBE_TIMEOUT_SECONDS = 60;

    private DockerProbe() {
    }

    /** Returns {@code null} when Docker answers, else the reason it cannot be used. */
    public static String whyNotAvailable(String configuredHost) {
        if (configuredHost != null) {
            String reason = whyUnreachable(configuredHost);
            if (reason != null) {
                return reason;
            }
        }
        DockerWarmUp.begin();
        String why = whyTestcontainersCannot(() -> DockerClientFactory.instance().isDockerAvailable());
        if (why != null) {
            DockerWarmUp.cancel(); // no container to start: the run goes on without Docker, and needs the CPU
        }
        return why;
    }

    /**
     * Returns {@code null} when {@code testcontainers} (Testcontainers' own check) says Docker works, else why not: it
     * found none, it did not finish in time, or it failed.
     */
    static String whyTestcontainersCannot(java.util.concurrent.Callable<Boolean> testcontainers) {
        // Testcontainers can take minutes to give up (it retries pulling its Ryuk image when no registry answers),
        // so the probe runs on a thread of its own and is given a bounded time.
        FutureTask<Boolean> probe = new FutureTask<>(testcontainers);
        Thread thread = new Thread(probe, "dbtest-docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            if (probe.get(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return null;
            }
            String dockerHost = System.getenv("DOCKER_HOST");
            return "Testcontainers found no working Docker environment ("
                    + (dockerHost == null || dockerHost.isBlank() ? "no DOCKER_HOST"
                    : "DOCKER_HOST=" + ConnectionSpec.mask(dockerHost) + " did not work")
                    + ", and no Docker socket answered; its log above lists what it tried)";
        } catch (TimeoutException e) {
            return "Testcontainers did not get Docker ready within " + PROBE_TIMEOUT_SECONDS + " s (when Docker cannot "
                    + "pull images, set TESTCONTAINERS_RYUK_DISABLED=true: dbtest does not need Ryuk)";
        } catch (ExecutionException e) {
            return "Testcontainers could not talk to Docker" + dockerAt() + ": " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the Docker check was interrupted";
        }
    }

    /** " at <DOCKER_HOST>" when it is set: the Docker that Testcontainers tries first; else "". */
    private static String dockerAt() {
        String dockerHost = System.getenv("DOCKER_HOST");
        return dockerHost == null || dockerHost.isBlank() ? "" : " at " + ConnectionSpec.mask(dockerHost);
    }

    /** Checks that something listens at a {@code unix://} or {@code tcp://} Docker endpoint, without Testcontainers. */
    public static String whyUnreachable(String host) {
        URI uri;
        try {
            uri = URI.create(host);
        } catch (IllegalArgumentException e) {
            return "dbtest.docker.host '" + host + "' is not a Docker endpoint (use unix:///var/run/docker.sock or "
                    + "tcp://host:2375)";
        }
        if ("unix".equals(uri.getScheme())) {
            Path socket = Path.of(uri.getPath());
            if (!Files.exists(socket)) {
                return "the Docker socket " + socket + " (dbtest.docker.host) does not exist: is the Docker daemon running?";
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return null;
            } catch (IOException e) {
                return "the Docker socket " + socket + " (dbtest.docker.host) did not answer: " + e.getMessage();
            }
        }
        if ("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()),
                        CONNECT_TIMEOUT_MILLIS);
                return null;
            } catch (IOException e) {
                return "Docker at " + host + " (dbtest.docker.host) did not answer: " + e.getMessage();
            }
        }
        return "dbtest.docker.host '" + host + "' has the scheme '" + uri.getScheme() + "'; use unix:// or tcp://";
    }
}
