package dev.dbtest.junit.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Whether a PostgreSQL server answers at an address, asked the way a client begins: an {@code SSLRequest}, which the
 * server answers with one byte before any credentials are sent. A server without SSL (the official image, dbtest's
 * containers) logs nothing when the client then leaves; one with SSL on logs that the client left during the
 * handshake.
 *
 * <p>A TCP connection alone proves little here: Docker's port proxy accepts every connection to a published port, and
 * resets it only when it cannot reach the server in the container. A container that has logged "ready to accept
 * connections" has been seen to do that for a moment (twice in CI), so the first statement of a run failed with
 * "Connection reset".
 */
final class PostgresProbe {

    /** The code of an {@code SSLRequest} (PostgreSQL protocol, "Message Formats"). */
    private static final int SSL_REQUEST_CODE = 80877103;
    private static final long RETRY_MILLIS = 25;

    /** What an address did when asked. */
    enum Answer {
        /** A PostgreSQL server answered. */
        ANSWERED("a PostgreSQL server answered"),
        /** Nothing listens there (yet). */
        REFUSED("the connection was refused"),
        /** Something accepted the connection and closed it, as Docker's port proxy does when no server is behind it. */
        CLOSED("the connection was accepted and then closed or reset, as Docker's port proxy does when it reaches no "
                + "server in the container"),
        /** Something answered, but not as PostgreSQL does. */
        NOT_POSTGRES("something answered, but not as a PostgreSQL server does"),
        /** No answer within the timeout: the address is not reached from here, or nothing behind it answers. */
        SILENT("nothing answered within the timeout"),
        /** The connection could not even be tried: no route, the network unreachable, a firewall's refusal. */
        UNREACHABLE("the address could not be reached (no route to it, or the network refused the connection)");

        private final String description;

        Answer(String description) {
            this.description = description;
        }

        /** What happened, in words, for messages. */
        String description() {
            return description;
        }
    }

    private PostgresProbe() {
    }

    /**
     * Asks {@code host:port} once: waits up to {@code timeoutMillis} for the connection, and as long again for the
     * answer.
     */
    static Answer ask(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            } catch (ConnectException refused) {
                return Answer.REFUSED;
            } catch (SocketTimeoutException silent) {
                return Answer.SILENT;
            } catch (IOException unreachable) {
                return Answer.UNREACHABLE; // no route, network unreachable, a firewall's EPERM, no local port left
            }
            try {
                socket.setSoTimeout(timeoutMillis);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeInt(8);
                out.writeInt(SSL_REQUEST_CODE);
                out.flush();
                int answer = new DataInputStream(socket.getInputStream()).readUnsignedByte();
                // 'N': no SSL, 'S': SSL; an 'E' is an error message from a server too old for the request.
                return answer == 'N' || answer == 'S' || answer == 'E' ? Answer.ANSWERED : Answer.NOT_POSTGRES;
            } catch (SocketTimeoutException silent) {
                return Answer.SILENT;
            } catch (IOException closed) {
                return Answer.CLOSED; // reset, or ended before the answer
            }
        } catch (IOException closing) {
            return Answer.UNREACHABLE; // only the socket's close can throw here
        }
    }

    /** The first and the last answer of {@link #await}, and how many times it asked. */
    record Outcome(Answer first, Answer last, int tries) {
    }

    /**
     * Asks {@code host:port} until a PostgreSQL server answers or {@code patienceMillis} have passed, trying again
     * after every answer that {@code retried} accepts, and stopping early when {@code stop} says so or the thread is
     * interrupted (its flag stays set).
     */
    static Outcome await(String host, int port, int timeoutMillis, long patienceMillis, Predicate<Answer> retried,
                         BooleanSupplier stop) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        Answer first = null;
        int tries = 0;
        while (true) {
            Answer answer = ask(host, port, timeoutMillis);
            tries++;
            if (first == null) {
                first = answer;
            }
            if (answer == Answer.ANSWERED || !retried.test(answer) || System.nanoTime() - deadline > 0
                    || stop.getAsBoolean()) {
                return new Outcome(first, answer, tries);
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(first, answer, tries);
            }
        }
    }
}
