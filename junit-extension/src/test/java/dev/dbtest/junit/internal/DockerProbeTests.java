package dev.dbtest.junit.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The reasons dbtest gives when the Docker endpoint of {@code dbtest.docker.host} cannot be used. */
class DockerProbeTests {

    @Test
    void aFailureOfTestcontainersSetUpIsNamedWithItsCause() {
        // The catch-all: whatever Testcontainers' own check throws besides "no Docker found". A unit test: which
        // failure a real daemon causes depends on the Testcontainers version (FaultTests shows today's).
        assertThat(DockerProbe.whyTestcontainersCannot(() -> {
            throw new IllegalArgumentException("unexpected answer from the daemon");
        })).startsWith("Testcontainers could not talk to Docker") // then " at <DOCKER_HOST>" where it is set
                .endsWith(": java.lang.IllegalArgumentException: unexpected answer from the daemon");
        assertThat(DockerProbe.whyTestcontainersCannot(() -> true)).isNull();
    }

    @Test
    void aSocketThatIsNotThereIsNamed(@TempDir Path directory) {
        Path socket = directory.resolve("no-such.sock");
        assertThat(DockerProbe.whyUnreachable("unix://" + socket)).isEqualTo("the Docker socket " + socket
                + " (dbtest.docker.host) does not exist: is the Docker daemon running?");
    }

    @Test
    void aSocketNobodyListensOnIsNamedWithTheCause(@TempDir Path directory) throws IOException {
        Path socket = directory.resolve("dead.sock");
        // A socket file whose server is gone: what a crashed daemon leaves behind.
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(Files.exists(socket)).isTrue();
        assertThat(DockerProbe.whyUnreachable("unix://" + socket))
                .startsWith("the Docker socket " + socket + " (dbtest.docker.host) did not answer: ");
    }

    @Test
    void aLiveSocketIsReachable(@TempDir Path directory) throws IOException {
        Path socket = directory.resolve("live.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThat(DockerProbe.whyUnreachable("unix://" + socket)).isNull();
        }
    }

    @Test
    void somethingThatIsNotAUriIsRefusedWithTheFormsThatWork() {
        assertThat(DockerProbe.whyUnreachable("tcp://docker host:2375")).isEqualTo("dbtest.docker.host 'tcp://docker "
                + "host:2375' is not a Docker endpoint (use unix:///var/run/docker.sock or tcp://host:2375)");
    }

    @Test
    void anotherSchemeIsRefusedWithTheSchemesThatWork() {
        assertThat(DockerProbe.whyUnreachable("npipe:////./pipe/docker_engine")).isEqualTo("dbtest.docker.host "
                + "'npipe:////./pipe/docker_engine' has the scheme 'npipe'; use unix:// or tcp://");
    }
}
