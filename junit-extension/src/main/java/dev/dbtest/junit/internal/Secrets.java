package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;

import java.sql.SQLException;

/**
 * Keeps passwords out of messages. What a JDBC driver says may quote the URL it was given, password and all
 * ({@code "No suitable driver found for jdbc:...://ann:secret@host/db"}), so every message and cause that dbtest passes on
 * from a connection attempt goes through here first.
 */
final class Secrets {

    // Shorter passwords are not replaced on their own: "***" for every "a" would garble the message, not protect it.
    private static final int SHORTEST_REPLACED = 3;
    // Words of dbtest's own messages about connections, which a password replaced everywhere would garble.
    private static final String NOT_SECRET = "dbtest could not connect to dbtest.url jdbc:postgresql:// (user "
            + "Fix: check that the server runs and the URL, dbtest.username and dbtest.password are right";

    private Secrets() {
    }

    /** Returns {@code text} with the secrets of URLs ({@code password=...}, {@code user:secret@}) and the password masked. */
    static String scrub(String text, ConnectionSpec spec) {
        if (text == null) {
            return null;
        }
        String scrubbed = ConnectionSpec.mask(text);
        String password = spec.password();
        // A password that is also a word of what is not secret (the user "postgres" with the password "postgres", the
        // password "test" and "dbtest.url") cannot be hidden by replacing it: it would garble the message instead.
        if (password != null && password.length() >= SHORTEST_REPLACED && !password.equals(spec.username())
                && (spec.url() == null || !ConnectionSpec.mask(spec.url()).contains(password)) && !NOT_SECRET.contains(password)) {
            scrubbed = scrubbed.replace(password, "***");
        }
        return scrubbed;
    }

    /**
     * Returns {@code failure} itself when no message of it, its causes and suppressed exceptions shows a secret, else a
     * copy that shows none: the same stack traces, {@code SQLException}s with their SQL state, other types named in the
     * message.
     */
    static Throwable scrub(Throwable failure, ConnectionSpec spec) {
        if (failure == null || !reveals(failure, spec)) {
            return failure;
        }
        String message = scrub(failure.getMessage(), spec);
        Throwable copy = failure instanceof SQLException sql
                ? new SQLException(message, sql.getSQLState(), sql.getErrorCode())
                : new DbTestException(failure.getClass().getName() + ": " + message);
        copy.setStackTrace(failure.getStackTrace());
        if (failure.getCause() != null && failure.getCause() != failure) {
            copy.initCause(scrub(failure.getCause(), spec));
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            copy.addSuppressed(scrub(suppressed, spec));
        }
        return copy;
    }

    private static boolean reveals(Throwable failure, ConnectionSpec spec) {
        for (Throwable current = failure; current != null; current = current.getCause() == current ? null : current.getCause()) {
            String message = current.getMessage();
            if (message != null && !message.equals(scrub(message, spec))) {
                return true;
            }
            for (Throwable suppressed : current.getSuppressed()) {
                if (reveals(suppressed, spec)) {
                    return true;
                }
            }
        }
        return false;
    }
}
