package dev.dbtest.junit.internal;

/**
 * How to reach one database: JDBC URL and credentials. {@link #toString()} and {@link #maskedUrl()} never show the
 * password.
 */
public record ConnectionSpec(String url, String username, String password) {

    /** Returns the URL with any password in it replaced by {@code ***}. */
    public String maskedUrl() {
        return mask(url);
    }

    /** Replaces the value of every {@code password=} parameter, and the secret of {@code user:secret@host}, with {@code ***}. */
    static String mask(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***")
                .replaceAll("(//[^/:@]+:)[^/]*@", "$1***@"); // up to the last @: a password may hold one
    }

    /** Returns a spec for another database on the same server, for URLs of the form {@code jdbc:postgresql://host:port/db}. */
    ConnectionSpec withPostgresDatabase(String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String base = url.substring(0, slash + 1);
        String rest = query < 0 ? "" : url.substring(query);
        return new ConnectionSpec(base + database + rest, username, password);
    }

    /** Returns the database a URL of the form {@code jdbc:postgresql://host:port/db?...} names. */
    String postgresDatabase() {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        return url.substring(slash + 1, query < 0 ? url.length() : query);
    }

    @Override
    public String toString() {
        return maskedUrl() + (username == null ? "" : " (user " + username + ")");
    }
}
