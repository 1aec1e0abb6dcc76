package dev.dbtest.junit.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads what the first connection to PostgreSQL needs (the driver, its SCRAM authentication, the pool) on a thread of
 * its own while the container starts, which is mostly waiting on Docker: the first connection then costs what any
 * connection costs instead of about 0.2 s more of class loading and cold code on the run's critical path. The driver
 * connects to a stand-in for PostgreSQL on a loopback port that goes through the SCRAM exchange up to the client's
 * proof and then refuses the password. Once per JVM; best effort.
 */
final class JdbcWarmUp {

    private static final AtomicBoolean BEGUN = new AtomicBoolean();
    /** Classes the first pooled connection loads, loaded by name: neither is a compile-time need here. */
    private static final String[] CLASSES = {"com.zaxxer.hikari.HikariDataSource", "com.zaxxer.hikari.pool.HikariPool",
            "com.zaxxer.hikari.pool.PoolEntry", "org.postgresql.jdbc.PgConnection",
            "org.postgresql.jdbc.PgPreparedStatement", "org.postgresql.jdbc.PgResultSet",
            "org.postgresql.core.v3.QueryExecutorImpl", "org.postgresql.core.v3.ConnectionFactoryImpl"};

    private JdbcWarmUp() {
    }

    /** Begins the warm-up, unless it was begun before in this JVM. Returns at once. */
    static void begin() {
        if (BEGUN.compareAndSet(false, true)) {
            Thread thread = new Thread(JdbcWarmUp::run, "dbtest-jdbc-warm-up");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
    }

    private static void run() {
        ClassLoader loader = JdbcWarmUp.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError absent) {
                // another version of the driver or the pool: nothing to warm
            }
        }
        try {
            scramHandshake();
        } catch (IOException | RuntimeException unexpected) {
            // best effort: the first real connection pays what is left
        }
    }

    /**
     * Runs the driver's whole SCRAM-SHA-256 client (the image's password method: SASLprep, the nonce, 4096 rounds of
     * HMAC-SHA-256, the proof) against a stand-in for PostgreSQL on a loopback port, which then refuses the
     * password. Cold, this code costs the first real connection about 0.1 s here.
     */
    static boolean scramHandshake() throws IOException {
        AtomicBoolean proofReceived = new AtomicBoolean();
        // IPv4 explicitly: the URL below names 127.0.0.1, and the loopback address may be ::1 (preferIPv6Addresses).
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            server.setSoTimeout(5_000);
            Thread standIn = new Thread(() -> proofReceived.set(answer(server)), "dbtest-jdbc-warm-up-server");
            standIn.setDaemon(true);
            standIn.start();
            try {
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.getLocalPort()
                        + "/warm-up?sslmode=disable&gssEncMode=disable&connectTimeout=5&socketTimeout=5"
                        + "&loggerLevel=OFF", "warm-up", "warm-up").close();
            } catch (SQLException expected) {
                // the stand-in refuses the password, as it should
            }
            standIn.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return proofReceived.get();
    }

    /** The stand-in's side: the startup message, the SASL exchange up to the client's proof, then a refusal. */
    private static boolean answer(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(5_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            in.readFully(new byte[in.readInt() - 4]); // StartupMessage
            byte[] mechanisms = "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII);
            message(out, 'R', 10, mechanisms); // AuthenticationSASL
            String clientFirst = saslData(in); // n,,n=...,r=<client nonce>
            String clientNonce = clientFirst.substring(clientFirst.indexOf(",r=") + 3);
            String serverFirst = "r=" + clientNonce + "dbtestwarmup,s="
                    + Base64.getEncoder().encodeToString("dbtest-warm-up".getBytes(StandardCharsets.US_ASCII))
                    + ",i=4096";
            message(out, 'R', 11, serverFirst.getBytes(StandardCharsets.US_ASCII)); // AuthenticationSASLContinue
            boolean proof = saslData(in).contains(",p="); // the client's proof: the work is done
            byte[] refusal = "SFATAL\0C28P01\0Mwarm-up\0\0".getBytes(StandardCharsets.US_ASCII);
            out.writeByte('E');
            out.writeInt(4 + refusal.length);
            out.write(refusal);
            out.flush();
            return proof;
        } catch (IOException | RuntimeException e) {
            return false; // the client gave up, or spoke otherwise: nothing more to warm
        }
    }

    private static void message(DataOutputStream out, char type, int code, byte[] body) throws IOException {
        out.writeByte(type);
        out.writeInt(8 + body.length);
        out.writeInt(code);
        out.write(body);
        out.flush();
    }

    /** The SASL data of the client's next message ('p'): after the mechanism's name and the data's length, if any. */
    private static String saslData(DataInputStream in) throws IOException {
        if (in.readByte() != 'p') {
            throw new IOException("not a SASL message");
        }
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        String text = new String(body, StandardCharsets.US_ASCII);
        int nul = text.indexOf('\0');
        // SASLInitialResponse: mechanism\0, int32 length, data; SASLResponse: data alone.
        return nul >= 0 && text.startsWith("SCRAM") ? text.substring(nul + 5) : text;
    }
}
