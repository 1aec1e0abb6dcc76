package dev.dbtest.junit.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether PostgreSQL answers at an address, asked as a client begins, and the wait after a container's start that
 * rests on it: a TCP connection that Docker's port proxy accepts and then resets is not an answer.
 */
class PostgresProbeTests {

    @Test
    void aServerAnsweringTheSslRequestAnswersAndAnythingElseDoesNot() throws IOException {
        try (FakeServer postgres = FakeServer.answering('N'); FakeServer http = FakeServer.answering('H');
             FakeServer proxy = FakeServer.closingFirst(Integer.MAX_VALUE)) {
            assertThat(PostgresProbe.ask("127.0.0.1", postgres.port(), 1_000)).isEqualTo(PostgresProbe.Answer.ANSWERED);
            assertThat(PostgresProbe.ask("127.0.0.1", http.port(), 1_000)).isEqualTo(PostgresProbe.Answer.NOT_POSTGRES);
            assertThat(PostgresProbe.ask("127.0.0.1", proxy.port(), 1_000))
                    .as("accepted, then closed unanswered: what the port proxy does with no server behind it")
                    .isEqualTo(PostgresProbe.Answer.CLOSED);
        }
        assertThat(PostgresProbe.ask("127.0.0.1", closedPort(), 1_000)).isEqualTo(PostgresProbe.Answer.REFUSED);
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsSilentAfterTheTimeout() throws IOException {
        // The kernel completes the connection into the backlog; nothing reads it.
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            long start = System.nanoTime();
            assertThat(PostgresProbe.ask("127.0.0.1", mute.getLocalPort(), 200)).isEqualTo(PostgresProbe.Answer.SILENT);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(190);
        }
    }

    @Test
    void aRealPostgresqlAnswers() {
        // The machine's PostgreSQL (CI has one; it answers 'S' when SSL is on, and logs that this client left).
        assumeTrue(reachable("127.0.0.1", 5432), "no PostgreSQL on 127.0.0.1:5432 here");
        assertThat(PostgresProbe.ask("127.0.0.1", 5432, 1_000)).isEqualTo(PostgresProbe.Answer.ANSWERED);
    }

    @Test
    void anAddressThatCannotBeReachedIsNeitherACloseNorTriedAgainAsOne() {
        // The broadcast address: the connect itself fails (network unreachable, or permission denied), at once.
        assertThat(PostgresProbe.ask("255.255.255.255", 5432, 300)).isEqualTo(PostgresProbe.Answer.UNREACHABLE);
        PostgresProbe.Outcome outcome = PostgresProbe.await("255.255.255.255", 5432, 300, 5_000,
                answer -> answer == PostgresProbe.Answer.CLOSED || answer == PostgresProbe.Answer.REFUSED, () -> false);
        assertThat(outcome.tries()).isEqualTo(1);
    }

    @Test
    void theWaitAfterAStartTriesAgainUntilTheServerAnswersAndRemovesNothing() throws IOException {
        AtomicBoolean removed = new AtomicBoolean();
        try (FakeServer resetsThrice = FakeServer.closingFirst(3)) {
            PostgresContainerServer.awaitAnswer("c0ffee000000", "127.0.0.1", resetsThrice.port(), 5_000, () -> false,
                    () -> "running", () -> "  (log)", () -> removed.getAndSet(true) || true);
            assertThat(resetsThrice.connections()).as("three resets, then the answer").isEqualTo(4);
        }
        assertThat(removed).isFalse();
    }

    @Test
    void aContainerThatNeverAnswersIsRemovedAndTheErrorSaysWhatWasSeenAndWhatToCheck() throws IOException {
        List<String> removed = new ArrayList<>();
        try (FakeServer proxy = FakeServer.closingFirst(Integer.MAX_VALUE)) {
            int port = proxy.port();
            assertThatThrownBy(() -> PostgresContainerServer.awaitAnswer("c0ffee000000", "127.0.0.1", port, 300,
                    () -> false, () -> "running", () -> "  LOG:  database system is ready to accept connections",
                    () -> removed.add("removed")))
                    .isInstanceOf(PostgresContainerServer.NotAnswering.class)
                    .hasMessageStartingWith("PostgreSQL in container c0ffee000000 logged that it was ready to accept "
                            + "connections, but at 127.0.0.1:" + port + " (the port Docker published) the connection "
                            + "was accepted and then closed or reset, as Docker's port proxy does when it reaches no "
                            + "server in the container, at each of ")
                    .hasMessageContaining("The container was running, and is removed now. Its log ended with:\n"
                            + "  LOG:  database system is ready to accept connections\n")
                    .hasMessageEndingWith("Fix: see whether Docker's networking works here (docker run -p 5432 of the "
                            + "image, then psql to the published port) and what the Docker daemon logged");
            assertThat(proxy.connections()).as("tried again and again").isGreaterThan(3);
        }
        assertThat(removed).containsExactly("removed");

        try (FakeServer proxy = FakeServer.closingFirst(Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> PostgresContainerServer.awaitAnswer("c0ffee000000", "127.0.0.1", proxy.port(),
                    200, () -> false, () -> "not running (status exited, exit code 1)", () -> "  (log)", () -> false))
                    .as("a removal that failed is not called done")
                    .hasMessageContaining("The container was not running (status exited, exit code 1), and could not "
                            + "be removed (docker rm -f c0ffee000000). Its log");
        }
    }

    @Test
    void theWaitEndsAtOnceWhenTheStartIsAbandonedAndRemovesNothingItself() throws IOException {
        try (FakeServer proxy = FakeServer.closingFirst(Integer.MAX_VALUE)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> PostgresContainerServer.awaitAnswer("c0ffee000000", "127.0.0.1", proxy.port(),
                    20_000, () -> true, () -> "running", () -> "", () -> {
                        throw new AssertionError("the hook that stopped it owns the removal");
                    }))
                    .isNotInstanceOf(PostgresContainerServer.NotAnswering.class)
                    .hasMessage("the start of the container was abandoned: the JVM is ending");
            assertThat(proxy.connections()).isEqualTo(1);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        }
    }

    @Test
    void aContainerThatNeverAnswersIsNamedWithoutTheImageAdvice() {
        var failure = dev.dbtest.junit.internal.Messages.containerFailed("dbtest/postgres:15-local",
                new PostgresContainerServer.NotAnswering("PostgreSQL in container c0ffee000000 logged that it was "
                        + "ready ... Fix: see whether Docker's networking works here"));
        assertThat(failure).hasMessage("dbtest could not start PostgreSQL in a container from the image "
                + "'dbtest/postgres:15-local': PostgreSQL in container c0ffee000000 logged that it was ready ... Fix: "
                + "see whether Docker's networking works here");
    }

    static int closedPort() throws IOException {
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return gone.getLocalPort();
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
