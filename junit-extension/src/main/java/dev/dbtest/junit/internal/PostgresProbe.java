package dev.dbtest.junit.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Whether a PostgreSQL server answers at an address, asked the way a client begins: an {@code SSLRequest}, which the
 * server answers with one byte before any credentials are sent (and does not log when the client then leaves).
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
        /** No answer within the timeout, or no route: the address is not reached from here. */
        SILENT("nothing answered within the timeout");

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

    /** Asks {@code host:port} once, waiting at most {@code timeoutMillis} for the connection and for the answer. */
    static Answer ask(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(SSL_REQUEST_CODE);
            out.flush();
            int answer = new DataInputStream(socket.getInputStream()).readUnsignedByte();
            // 'N': no SSL, 'S': SSL; an 'E' is an error message from a server too old for the request.
            return answer == 'N' || answer == 'S' || answer == 'E' ? Answer.ANSWERED : Answer.NOT_POSTGRES;
        } catch (ConnectException refused) {
            return Answer.REFUSED;
        } catch (SocketTimeoutException silent) {
            return Answer.SILENT;
        } catch (NoRouteToHostException unreachable) {
            return Answer.SILENT;
        } catch (EOFException | SocketException closed) {
            return Answer.CLOSED; // reset, or ended before the answer
        } catch (IOException other) {
            return Answer.SILENT;
        }
    }

    /**
     * Asks {@code host:port} until a PostgreSQL server answers or {@code patienceMillis} have passed, trying again
     * after every answer that {@code retried} accepts; returns the last answer.
     */
    static Answer await(String host, int port, int timeoutMillis, long patienceMillis,
                        java.util.function.Predicate<Answer> retried) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        while (true) {
            Answer answer = ask(host, port, timeoutMillis);
            if (answer == Answer.ANSWERED || !retried.test(answer) || System.nanoTime() - deadline > 0) {
                return answer;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }
}
