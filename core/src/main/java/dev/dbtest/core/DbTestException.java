package dev.dbtest.core;

/**
 * The one unchecked exception dbtest throws for its own failures and for the mistakes it catches.
 *
 * <p>Every message says what failed, where (test, class, parameter, table), why, and how to fix it.
 * Passwords never appear in messages.
 *
 * @since 0.1
 */
public class DbTestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that explains the failure and its fix.
     *
     * @param message what failed, where, why and how to fix it
     */
    public DbTestException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message that explains the failure and its fix, and the cause.
     *
     * @param message what failed, where, why and how to fix it
     * @param cause the underlying failure
     */
    public DbTestException(String message, Throwable cause) {
        super(message, cause);
    }
}
