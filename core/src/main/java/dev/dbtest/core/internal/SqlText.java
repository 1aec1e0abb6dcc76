package dev.dbtest.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads just enough of a SQL string to tell what kind of statements it holds, without parsing it. */
public final class SqlText {

    private SqlText() {
    }

    /**
     * Splits {@code sql} into its statements at semicolons that are not inside quotes, quoted identifiers, comments or
     * PostgreSQL dollar quotes. Blank statements are dropped.
     */
    public static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>(1);
        int start = 0;
        int i = 0;
        int length = sql.length();
        int atomicDepth = 0; // inside BEGIN ATOMIC ... END (a SQL-standard function body), semicolons do not split
        String previousWord = "";
        while (i < length) {
            char c = sql.charAt(i);
            int skipped = afterQuotedOrComment(sql, i);
            if (skipped != i) {
                i = skipped;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
                if (word.equals("ATOMIC") && previousWord.equals("BEGIN")) {
                    atomicDepth++;
                } else if (atomicDepth > 0 && word.equals("CASE")) {
                    atomicDepth++;
                } else if (atomicDepth > 0 && word.equals("END")) {
                    atomicDepth--;
                }
                previousWord = word;
                i = end;
            } else if (c == ';' && atomicDepth == 0) {
                add(statements, sql.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        add(statements, sql.substring(start));
        return statements;
    }

    /**
     * Returns the first words of {@code statement} in upper case (at most {@code count}), skipping whitespace,
     * comments and opening parentheses.
     */
    public static List<String> leadingWords(String statement, int count) {
        List<String> words = new ArrayList<>(count);
        int i = skipNoise(statement, 0);
        while (words.size() < count && i < statement.length()) {
            int end = i;
            while (end < statement.length() && (Character.isLetter(statement.charAt(end))
                    || end > i && (Character.isDigit(statement.charAt(end)) || statement.charAt(end) == '_'))) {
                end++;
            }
            if (end == i) {
                break;
            }
            words.add(statement.substring(i, end).toUpperCase(Locale.ROOT));
            i = skipNoise(statement, end);
        }
        return words;
    }

    /** Returns the first keyword of {@code statement} in upper case, or the empty string when there is none. */
    public static String leadingKeyword(String statement) {
        List<String> words = leadingWords(statement, 1);
        return words.isEmpty() ? "" : words.get(0);
    }

    /**
     * Tells whether {@code statement} ends or starts a transaction by itself ({@code COMMIT}, {@code ROLLBACK},
     * {@code BEGIN}, {@code SET AUTOCOMMIT}, ...). {@code ROLLBACK TO SAVEPOINT}, {@code SAVEPOINT} and
     * {@code RELEASE SAVEPOINT} work inside a transaction and are not counted.
     */
    public static boolean controlsTransaction(String statement) {
        List<String> words = leadingWords(statement, 2);
        if (words.isEmpty()) {
            return false;
        }
        String second = words.size() > 1 ? words.get(1) : "";
        switch (words.get(0)) {
            case "COMMIT":
            case "END":
            case "ABORT":
                return true;
            case "ROLLBACK":
                return !second.equals("TO");
            case "BEGIN":
                return !second.equals("ATOMIC");
            case "START":
                return second.equals("TRANSACTION");
            case "PREPARE":
                return second.equals("TRANSACTION");
            case "SET":
                return second.equals("AUTOCOMMIT");
            default:
                return false;
        }
    }

    /**
     * Tells whether H2 commits the open transaction before running {@code statement}: H2 does so for every DDL
     * statement except a {@code CREATE LOCAL TEMPORARY TABLE ... TRANSACTIONAL}, and for most {@code SET} commands.
     */
    public static boolean commitsImplicitlyOnH2(String statement) {
        return isDdl(statement) || changesH2Setting(statement);
    }

    /**
     * Tells whether {@code statement} is an H2 {@code SET} that commits: all but the session's schema, search path,
     * lock and query timeouts, time zone and {@code @variables} (checked against H2 2.4).
     */
    public static boolean changesH2Setting(String statement) {
        List<String> words = leadingWords(statement, 2);
        if (words.isEmpty() || !words.get(0).equals("SET")) {
            return false;
        }
        String stripped = statement.strip();
        if (stripped.length() > 3 && stripped.substring(3).strip().startsWith("@")) {
            return false;
        }
        String setting = words.size() > 1 ? words.get(1) : "";
        return !(setting.equals("SCHEMA") || setting.equals("SCHEMA_SEARCH_PATH") || setting.equals("LOCK_TIMEOUT")
                || setting.equals("TIME") || setting.equals("QUERY_TIMEOUT") || setting.equals("AUTOCOMMIT"));
    }

    private static boolean isDdl(String statement) {
        List<String> words = leadingWords(statement, 3);
        switch (words.isEmpty() ? "" : words.get(0)) {
            case "CREATE":
                boolean localTemporary = words.size() == 3 && words.get(1).equals("LOCAL")
                        && (words.get(2).equals("TEMPORARY") || words.get(2).equals("TEMP"));
                return !(localTemporary && statement.strip().toUpperCase(Locale.ROOT).endsWith("TRANSACTIONAL"));
            case "ALTER":
            case "DROP":
            case "TRUNCATE":
            case "COMMENT":
            case "GRANT":
            case "REVOKE":
            case "ANALYZE":
            case "RUNSCRIPT":
                return true;
            default:
                return false;
        }
    }

    /**
     * Shortens {@code sql} to one line of at most 120 characters for messages, with the literal after any
     * {@code PASSWORD} keyword masked.
     */
    public static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ")
                .replaceAll("(?i)(PASSWORD\\s*=?\\s*)('[^']*'|\"[^\"]*\"|\\S+)", "$1'***'");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    /** Returns where the code of {@code statement} starts, past whitespace and comments. */
    public static int startOfCode(String statement) {
        int i = 0;
        while (i < statement.length()) {
            if (Character.isWhitespace(statement.charAt(i))) {
                i++;
            } else if (statement.startsWith("--", i)) {
                int newline = statement.indexOf('\n', i);
                i = newline < 0 ? statement.length() : newline + 1;
            } else if (statement.startsWith("/*", i)) {
                i = afterBlockComment(statement, i);
            } else {
                break;
            }
        }
        return i;
    }

    private static void add(List<String> statements, String statement) {
        if (!statement.isBlank()) {
            statements.add(statement);
        }
    }

    /**
     * Returns the index after the string literal, quoted identifier, comment or dollar quote that starts at {@code i}
     * (after a lone {@code $}, such as the one of {@code $1}), or {@code i} when none starts there.
     */
    static int afterQuotedOrComment(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'') {
            boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                    && (i == 1 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
            return closingQuote(sql, i + 1, escapes);
        }
        if (c == '"') {
            int close = sql.indexOf('"', i + 1);
            return close < 0 ? sql.length() : close + 1;
        }
        if (c == '-' && sql.startsWith("--", i)) {
            int newline = sql.indexOf('\n', i);
            return newline < 0 ? sql.length() : newline + 1;
        }
        if (c == '/' && sql.startsWith("/*", i)) {
            return afterBlockComment(sql, i);
        }
        return c == '$' ? afterDollarQuote(sql, i) : i;
    }

    /** Skips a string literal; a doubled quote reopens at once, which scans the same way. */
    static int closingQuote(String sql, int from, boolean backslashEscapes) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Skips a block comment; PostgreSQL lets them nest. */
    static int afterBlockComment(String sql, int from) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Skips a {@code $tag$ ... $tag$} dollar-quoted string starting at {@code i}, or just the {@code $}. */
    static int afterDollarQuote(String sql, int i) {
        int tagEnd = i + 1;
        while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$' || (tagEnd > i + 1 && Character.isDigit(sql.charAt(i + 1)))) {
            return i + 1; // $1 parameters and lone dollars
        }
        String tag = sql.substring(i, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? sql.length() : close + tag.length();
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
                i = afterBlockComment(sql, i);
            } else {
                break;
            }
        }
        return i;
    }
}
