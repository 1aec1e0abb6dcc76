package dev.dbtest.core.internal;

import java.util.Locale;

/** Reads just enough of a SQL string to tell what kind of statement it is, without parsing it. */
public final class SqlText {

    private SqlText() {
    }

    /**
     * Returns the first keyword of {@code sql} in upper case, skipping whitespace, comments and opening parentheses,
     * or the empty string when there is none.
     */
    public static String leadingKeyword(String sql) {
        int start = skipNoise(sql, 0);
        int end = start;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(start, end).toUpperCase(Locale.ROOT);
    }

    /**
     * Tells whether H2 commits the open transaction before running {@code sql}: H2 does so for every DDL statement
     * except a {@code CREATE LOCAL TEMPORARY TABLE ... TRANSACTIONAL}.
     */
    public static boolean commitsImplicitlyOnH2(String sql) {
        switch (leadingKeyword(sql)) {
            case "CREATE":
                String upper = sql.toUpperCase(Locale.ROOT);
                return !(upper.contains("TEMPORARY") && upper.contains("TRANSACTIONAL"));
            case "ALTER":
            case "DROP":
            case "TRUNCATE":
            case "COMMENT":
            case "GRANT":
            case "REVOKE":
            case "ANALYZE":
                return true;
            default:
                return false;
        }
    }

    /** Shortens {@code sql} to one line of at most 120 characters, for messages. */
    public static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    private static int skipNoise(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int newline = sql.indexOf('\n', i);
                i = newline < 0 ? sql.length() : newline + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? sql.length() : close + 2;
            } else {
                break;
            }
        }
        return i;
    }
}
