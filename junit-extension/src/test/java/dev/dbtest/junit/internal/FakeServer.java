package dev.dbtest.junit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A server on 127.0.0.1 for the probe tests: to each connection it either answers an {@code SSLRequest} with one
 * byte, as PostgreSQL does, or closes the connection unanswered, as Docker's port proxy does when it reaches no server.
 */
final class FakeServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    private FakeServer(ServerSocket socket, int answer, IntPredicate answers) {
        this.socket = socket;
        this.acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    int number = connections.incrementAndGet();
                    InputStream in = connection.getInputStream();
                    in.readNBytes(8);
                    if (answers.test(number)) {
                        connection.getOutputStream().write(answer);
                        connection.getOutputStream().flush();
                    }
                } catch (IOException closedOrReset) {
                    // the next connection, or the end
                }
            }
        }, "fake-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers every connection with {@code answer} (PostgreSQL without SSL answers {@code 'N'}). */
    static FakeServer answering(int answer) throws IOException {
        return new FakeServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), answer, any -> true);
    }

    /** Closes the first {@code unanswered} connections without an answer, then answers {@code 'N'}. */
    static FakeServer closingFirst(int unanswered) throws IOException {
        return new FakeServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), 'N',
                number -> number > unanswered);
    }

    /** Answers {@code 'N'} on {@code port}, bound with the address reusable. */
    static FakeServer answeringOn(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
        } catch (IOException taken) {
            socket.close();
            throw taken;
        }
        return new FakeServer(socket, 'N', any -> true);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How many connections it accepted. */
    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
