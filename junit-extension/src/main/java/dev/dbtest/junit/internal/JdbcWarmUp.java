package dev.dbtest.junit.internal;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads what the first connection to PostgreSQL needs (the driver, its SCRAM authentication, the pool) on a thread of
 * its own while the container starts, which is mostly waiting on Docker: the first connection then costs a round trip
 * instead of about 0.2 s of class loading and cold cryptography on the run's critical path. Once per JVM; best effort.
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
            // The driver's connection path up to the socket: port 1 of the loopback address refuses at once.
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/warm-up?connectTimeout=1&loggerLevel=OFF",
                    "warm-up", "warm-up").close();
        } catch (SQLException | RuntimeException expected) {
            // refused, as it should be
        }
        try {
            // SCRAM-SHA-256, the image's password method, derives its key with 4096 rounds of HMAC-SHA-256: the JIT
            // compiles them here rather than during the first connection.
            javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
                    new javax.crypto.spec.PBEKeySpec("warm-up".toCharArray(),
                            "dbtest".getBytes(StandardCharsets.UTF_8), 4096, 256));
        } catch (java.security.GeneralSecurityException | RuntimeException unavailable) {
            // a JDK without it: the driver will say so itself
        }
    }
}
