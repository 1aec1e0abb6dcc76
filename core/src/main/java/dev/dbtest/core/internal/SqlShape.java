package dev.dbtest.core.internal;

import dev.dbtest.core.StatementType;

import java.util.Locale;

/**
 * The type of a statement ({@link StatementType}) and its normalized form: what statement capture, N+1 detection and
 * query budgets compare. Reads the SQL with the same rules as {@link SqlText} (quotes, comments, dollar quotes) and
 * does not parse it.
 */
public final class SqlShape {

    private SqlShape() {
    }

    /** Returns what {@code sql} does; see {@link StatementType} for the rules. */
    public static StatementType classify(String sql) {
        Words words = new Words(sql);
        String first = words.next();
        switch (first) {
            case "SELECT":
            case "VALUES":
            case "TABLE":
                return StatementType.SELECT;
            case "INSERT":
                return StatementType.INSERT;
            case "UPDATE":
            case "MERGE":
                return StatementType.UPDATE;
            case "DELETE":
                return StatementType.DELETE;
            case "WITH":
                for (String word = words.next(); !word.isEmpty(); word = words.next()) {
                    StatementType main = switch (word) {
                        case "SELECT", "VALUES", "TABLE" -> StatementType.SELECT;
                        case "INSERT" -> StatementType.INSERT;
                        case "UPDATE", "MERGE" -> StatementType.UPDATE;
                        case "DELETE" -> StatementType.DELETE;
                        default -> null;
                    };
                    if (main != null) {
                        return main;
                    }
                }
                return StatementType.OTHER;
            case "COPY":
                for (String word = words.next(); !word.isEmpty(); word = words.next()) {
                    if (word.equals("FROM")) {
                        return StatementType.INSERT;
                    }
                    if (word.equals("TO")) {
                        return StatementType.SELECT;
                    }
                }
                return StatementType.OTHER;
            case "CREATE":
            case "ALTER":
            case "DROP":
            case "TRUNCATE":
            case "COMMENT":
            case "GRANT":
            case "REVOKE":
            case "RENAME":
                return StatementType.DDL;
            default:
                return StatementType.OTHER;
        }
    }

    /**
     * Returns {@code sql} with comments dropped, whitespace collapsed, literals (strings, numbers) and parameter
     * markers replaced by {@code ?}, and lists of them ({@code IN (?, ?, ?)}, the rows of a multi-row
     * {@code VALUES}) collapsed to one: the same statement run with other values has the same normalized form.
     *
     * <p>A test suite sends the same few statements over and over (the report and the budgets normalize every
     * statement of every test), so shapes are remembered: up to {@value #REMEMBERED} statements of at most
     * {@value #REMEMBERED_LENGTH} characters, forgotten all at once when full (statements with their values written
     * inline can be endless).
     */
    public static String normalize(String sql) {
        if (sql.length() > REMEMBERED_LENGTH) {
            return shape(sql);
        }
        String shape = SHAPES.get(sql);
        if (shape == null) {
            shape = shape(sql);
            if (SHAPES.size() >= REMEMBERED) {
                SHAPES.clear();
            }
            SHAPES.put(sql, shape);
        }
        return shape;
    }

    static final int REMEMBERED = 4096;
    static final int REMEMBERED_LENGTH = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, String> SHAPES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String shape(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i == 1 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
                if (escapes) {
                    out.setLength(out.length() - 1); // E'...': the E belongs to the literal
                }
                i = SqlText.closingQuote(sql, i + 1, escapes);
                while (i < length && sql.charAt(i) == '\'') {
                    i = SqlText.closingQuote(sql, i + 1, escapes); // 'it''s': a doubled quote, still one literal
                }
                marker(out);
            } else if (c == '"') {
                int close = sql.indexOf('"', i + 1);
                int end = close < 0 ? length : close + 1;
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int newline = sql.indexOf('\n', i);
                i = newline < 0 ? length : newline + 1;
                space(out);
            } else if (c == '/' && sql.startsWith("/*", i)) {
                i = SqlText.afterBlockComment(sql, i);
                space(out);
            } else if (c == '$') {
                int end = SqlText.afterDollarQuote(sql, i);
                if (end > i + 1) {
                    marker(out); // a dollar-quoted string
                    i = end;
                } else {
                    i++;
                    while (i < length && Character.isDigit(sql.charAt(i))) {
                        i++; // $1: a parameter
                    }
                    marker(out);
                }
            } else if (c == '?') {
                marker(out);
                i++;
            } else if (Character.isWhitespace(c)) {
                space(out);
                i++;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < length && Character.isDigit(sql.charAt(i + 1))) {
                boolean partOfWord = out.length() > 0 && (Character.isLetterOrDigit(out.charAt(out.length() - 1))
                        || out.charAt(out.length() - 1) == '_');
                int end = i;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.'
                        || sql.charAt(end) == '_' || (sql.charAt(end) == '-' || sql.charAt(end) == '+')
                        && (sql.charAt(end - 1) == 'e' || sql.charAt(end - 1) == 'E'))) {
                    end++; // 1.5e-3: the exponent's sign belongs to the number
                }
                if (partOfWord) {
                    out.append(sql, i, end);
                } else {
                    marker(out);
                }
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                out.append(sql, i, end);
                i = end;
            } else {
                if (c == ',' || c == ')') {
                    trimSpace(out);
                }
                out.append(c);
                i++;
                if (c == '(' || c == ',') {
                    if (c == ',') {
                        out.append(' ');
                    }
                    while (i < length && Character.isWhitespace(sql.charAt(i))) {
                        i++;
                    }
                }
            }
        }
        return collapseLists(out.toString().strip());
    }

    private static void marker(StringBuilder out) {
        out.append('?');
    }

    private static void space(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '(') {
            out.append(' ');
        }
    }

    private static void trimSpace(StringBuilder out) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    /** {@code (?, ?, ?)} becomes {@code (?)}; so {@code VALUES (?, ?), (?, ?)} becomes {@code VALUES (?)}. */
    private static String collapseLists(String normalized) {
        String lists = normalized.replaceAll("\\(\\?(?:, \\?)+\\)", "(?)");
        return lists.replaceAll("(?i)(VALUES ?\\([^()]*\\))(?:, \\([^()]*\\))+", "$1");
    }

    /** The words of a statement at parenthesis depth 0, in upper case, past quotes and comments. */
    private static final class Words {
        private final String sql;
        private int i;
        private int depth;

        Words(String sql) {
            this.sql = sql;
            int at = SqlText.startOfCode(sql);
            while (at < sql.length() && sql.charAt(at) == '(') { // (SELECT ...) UNION ...: the opening is not depth
                at += 1 + SqlText.startOfCode(sql.substring(at + 1));
            }
            this.i = at;
        }

        /** The next word at depth 0, or "" at the end. */
        String next() {
            int length = sql.length();
            while (i < length) {
                char c = sql.charAt(i);
                int skipped = SqlText.afterQuotedOrComment(sql, i);
                if (skipped != i) {
                    i = skipped;
                } else if (c == '(') {
                    depth++;
                    i++;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                    i++;
                } else if (Character.isLetter(c) || c == '_') {
                    int end = i;
                    while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                        end++;
                    }
                    String word = sql.substring(i, end);
                    i = end;
                    if (depth == 0) {
                        return word.toUpperCase(Locale.ROOT);
                    }
                } else {
                    i++;
                }
            }
            return "";
        }
    }
}
