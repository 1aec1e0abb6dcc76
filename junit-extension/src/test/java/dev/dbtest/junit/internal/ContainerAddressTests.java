package dev.dbtest.junit.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * When the tests reach a container at its own address rather than through the port Docker published. The whole
 * path, a real container on Docker's bridge, is checked in {@code SecurityTests}.
 */
class ContainerAddressTests {

    @Test
    void theUrlKeepsItsDatabaseAndOptionsWithTheContainersOwnAddress() {
        assertThat(ContainerAddress.withAuthority("jdbc:postgresql://localhost:32771/dbtest?loggerLevel=OFF",
                "172.17.0.2", 5432)).isEqualTo("jdbc:postgresql://172.17.0.2:5432/dbtest?loggerLevel=OFF");
        assertThat(ContainerAddress.withAuthority("jdbc:postgresql://127.0.0.1:1/x", "fd00::2", 5432))
                .isEqualTo("jdbc:postgresql://[fd00::2]:5432/x");
        assertThat(ContainerAddress.withAuthority("jdbc:postgresql://localhost:1?ssl=false", "172.17.0.2", 5432))
                .isEqualTo("jdbc:postgresql://172.17.0.2:5432?ssl=false");
        assertThatThrownBy(() -> ContainerAddress.withAuthority("jdbc:h2:mem:x", "172.17.0.2", 5432))
                .hasMessageContaining("not a PostgreSQL JDBC URL");
    }

    @Test
    void onlyAnAddressOfThisMachineCountsAsTheNetworksGatewayAndNoNameIsLookedUp() {
        assertThat(ContainerAddress.isThisMachine("127.0.0.1")).isTrue();
        assertThat(ContainerAddress.isThisMachine("192.0.2.1")).as("TEST-NET-1, never a local address").isFalse();
        assertThat(ContainerAddress.isThisMachine("localhost")).as("a name, not an address").isFalse();
        assertThat(ContainerAddress.isThisMachine("cafe")).as("a name that looks like hex digits").isFalse();
        assertThat(ContainerAddress.isThisMachine("::1")).isTrue();
        assertThat(ContainerAddress.isThisMachine("")).isFalse();
        assertThat(ContainerAddress.isThisMachine(null)).isFalse();
    }

    @Test
    void theAddressIsTakenOnlyOnANetworkOfThisMachineAndWhenItAnswers() throws IOException {
        try (FakeServer listening = FakeServer.answering('N')) {
            int port = listening.port();
            var here = new ContainerAddress.Network("127.0.0.1", "127.0.0.1");
            var elsewhere = new ContainerAddress.Network("127.0.0.1", "192.0.2.1");
            var noAddress = new ContainerAddress.Network("", "127.0.0.1");

            assertThat(ContainerAddress.directAddress(List.of(here), port)).isEqualTo("127.0.0.1");
            assertThat(ContainerAddress.directAddress(List.of(elsewhere), port))
                    .as("a gateway that is not this machine's: maybe a host elsewhere with the same address").isNull();
            assertThat(ContainerAddress.directAddress(List.of(noAddress, elsewhere, here), port)).isEqualTo("127.0.0.1");
            assertThat(ContainerAddress.directAddress(List.of(), port)).isNull();
        }
        int closed = PostgresProbeTests.closedPort();
        assertThat(ContainerAddress.directAddress(List.of(new ContainerAddress.Network("127.0.0.1", "127.0.0.1")),
                closed)).as("nothing answers there: the published port is used").isNull();
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            assertThat(ContainerAddress.directAddress(List.of(new ContainerAddress.Network("127.0.0.1", "127.0.0.1")),
                    mute.getLocalPort())).as("a connection is made there, but PostgreSQL does not answer").isNull();
        }
    }

    @Test
    void aConnectionClosedUnansweredIsTriedAgainLikeARefusal() throws IOException {
        try (FakeServer resetsTwice = FakeServer.closingFirst(2)) {
            assertThat(ContainerAddress.answers("127.0.0.1", resetsTwice.port(), 2_000)).isTrue();
            assertThat(resetsTwice.connections()).isEqualTo(3);
        }
        try (FakeServer resetsAlways = FakeServer.closingFirst(Integer.MAX_VALUE)) {
            assertThat(ContainerAddress.answers("127.0.0.1", resetsAlways.port(), 200)).isFalse();
            assertThat(resetsAlways.connections()).isGreaterThan(1);
        }
    }

    @Test
    void aRefusalIsTriedAgainForAMomentSinceTheServerMayNotListenYet() throws Exception {
        int port = PostgresProbeTests.closedPort();
        long start = System.nanoTime();
        assertThat(ContainerAddress.answers("127.0.0.1", port, 300)).as("refused throughout").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("tried again until the patience ran out")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));

        CompletableFuture<FakeServer> listening = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(400);
                return FakeServer.answeringOn(port);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        boolean answered = ContainerAddress.answers("127.0.0.1", port, 5_000);
        FakeServer socket;
        try {
            socket = listening.join();
        } catch (CompletionException e) {
            assumeTrue(false, "another process took port " + port + " meanwhile: " + e.getCause());
            return;
        }
        try (socket) {
            assertThat(answered).as("refused at first, then listening: the address is taken").isTrue();
        }
    }
}
