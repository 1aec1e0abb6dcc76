package dev.dbtest.core.internal;

import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.StatementType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads, from captured statements, which tables they wrote: the targets of {@code INSERT}, {@code UPDATE},
 * {@code DELETE}, {@code MERGE}, {@code COPY ... FROM} and {@code TRUNCATE}, in data-modifying common table expressions
 * too. A statement that may write rows it does not name ({@code CALL}, DDL, {@code DO}, a batch of plain statements,
 * anything it cannot read) is <em>unattributed</em>: whoever empties the written tables must then empty them all.
 *
 * <p>It reads just enough SQL to find the targets, without parsing it: string literals, comments and dollar quotes are
 * skipped, quoted identifiers are kept as written, unquoted ones folded to lower case (as PostgreSQL does, and H2 with
 * {@code DATABASE_TO_LOWER}).
 */
public final class WrittenTables {

    /** A table as a statement names it: {@code schema} is {@code null} when the name is not qualified. */
    public record Name(String schema, String table) {
        @Override
        public String toString() {
            return schema == null ? table : schema + "." + table;
        }
    }

    /** The tables the statements named as written, and the statements that may have written others, abbreviated. */
    public record Result(Set<Name> tables, List<String> unattributed) {
    }

    // First words of statements that write no rows of a table.
    private static final Set<String> READ_ONLY = Set.of("SELECT", "VALUES", "TABLE", "SHOW", "SET", "RESET", "COMMIT",
            "ROLLBACK", "BEGIN", "START", "END", "ABORT", "SAVEPOINT", "RELEASE", "LOCK", "FETCH", "CLOSE", "MOVE",
            "LISTEN", "NOTIFY", "UNLISTEN", "DISCARD", "DEALLOCATE", "ANALYZE", "VACUUM", "CHECKPOINT", "COMMENT",
            "GRANT", "REVOKE", "DECLARE", "EXPLAIN");
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "TRUNCATE",
            "WITH", "REPLACE");

    private WrittenTables() {
    }

    /** Whether {@code statement} may have written rows: anything but a SELECT that is not a {@code WITH ...}. */
    public static boolean mayWrite(CapturedStatement statement) {
        if (statement.type() != StatementType.SELECT) {
            return true;
        }
        String sql = statement.sql();
        int start = SqlText.startOfCode(sql);
        return sql.regionMatches(true, start, "WITH", 0, 4);
    }

    /** Reads the tables {@code statements} wrote. */
    public static Result of(List<CapturedStatement> statements) {
        Set<Name> tables = new LinkedHashSet<>();
        List<String> unattributed = new ArrayList<>();
        for (CapturedStatement statement : statements) {
            if (!mayWrite(statement)) {
                continue;
            }
            if (statement.batchSize() > 1 && statement.parameters().isEmpty()) {
                // A batch of plain statements is captured by its first SQL; the others may write anywhere.
                unattributed.add(SqlText.abbreviate(statement.sql()) + " (a batch of " + statement.batchSize()
                        + " statements)");
                continue;
            }
            for (String sql : SqlText.statements(statement.sql())) {
                if (!read(sql, tables)) {
                    unattributed.add(SqlText.abbreviate(sql));
                }
            }
        }
        return new Result(tables, unattributed);
    }

    /** Adds the tables {@code sql} writes to {@code tables}; false when it may write rows of tables it does not name. */
    static boolean read(String sql, Set<Name> tables) {
        List<String> tokens = tokens(sql);
        int first = 0;
        while (first < tokens.size() && tokens.get(first).equals("(")) {
            first++;
        }
        if (first == tokens.size()) {
            return true;
        }
        String head = upper(tokens.get(first));
        if (head.equals("EXPLAIN")) {
            return !tokens.stream().map(WrittenTables::upper).toList().contains("ANALYZE"); // ANALYZE runs the statement
        }
        if (READ_ONLY.contains(head)) {
            return true;
        }
        if (!WRITES.contains(head)) {
            return false;
        }
        if (head.equals("COPY")) {
            return copy(tokens, first + 1, tables);
        }
        if (head.equals("TRUNCATE")) {
            return truncate(tokens, first + 1, tables);
        }
        for (int i = first; i < tokens.size(); i++) {
            String word = upper(tokens.get(i));
            String previous = i == 0 ? "" : upper(tokens.get(i - 1));
            int at;
            switch (word) {
                case "INSERT", "REPLACE", "MERGE" -> {
                    if (word.equals("REPLACE") && i != first || previous.equals("THEN")) {
                        continue; // the function replace(...); MERGE's THEN INSERT writes the table MERGE names
                    }
                    if (i + 1 >= tokens.size() || !upper(tokens.get(i + 1)).equals("INTO")) {
                        return false;
                    }
                    at = i + 2;
                }
                case "UPDATE" -> {
                    // FOR [NO KEY] UPDATE locks; ON UPDATE is an action of a key; DO UPDATE and THEN UPDATE change
                    // the table their INSERT or MERGE names.
                    if (Set.of("FOR", "KEY", "ON", "DO", "THEN").contains(previous)) {
                        continue;
                    }
                    at = i + 1;
                }
                case "DELETE" -> {
                    if (Set.of("ON", "THEN").contains(previous)) {
                        continue;
                    }
                    at = i + 1 < tokens.size() && upper(tokens.get(i + 1)).equals("FROM") ? i + 2 : i + 1;
                }
                default -> {
                    continue;
                }
            }
            if (name(tokens, at, tables) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean copy(List<String> tokens, int at, Set<Name> tables) {
        if (at < tokens.size() && tokens.get(at).equals("(")) {
            return true; // COPY (query) TO ...: reads
        }
        Set<Name> named = new LinkedHashSet<>();
        int after = name(tokens, at, named);
        if (after < 0) {
            return false;
        }
        int depth = 0;
        for (int i = after; i < tokens.size(); i++) {
            String token = tokens.get(i);
            depth += token.equals("(") ? 1 : token.equals(")") ? -1 : 0;
            if (depth == 0 && upper(token).equals("TO")) {
                return true;
            }
            if (depth == 0 && upper(token).equals("FROM")) {
                tables.addAll(named);
                return true;
            }
        }
        return false;
    }

    private static boolean truncate(List<String> tokens, int at, Set<Name> tables) {
        int i = at < tokens.size() && upper(tokens.get(at)).equals("TABLE") ? at + 1 : at;
        while (true) {
            i = name(tokens, i, tables);
            if (i < 0) {
                return false;
            }
            if (i < tokens.size() && tokens.get(i).equals("*")) {
                i++;
            }
            if (i >= tokens.size() || !tokens.get(i).equals(",")) {
                return true;
            }
            i++;
        }
    }

    /** Reads {@code [ONLY] [schema.]table} at {@code at} into {@code tables}; returns the index after it, or -1. */
    private static int name(List<String> tokens, int at, Set<Name> tables) {
        int i = at;
        if (i < tokens.size() && upper(tokens.get(i)).equals("ONLY")) {
            i++;
        }
        List<String> parts = new ArrayList<>();
        while (i < tokens.size() && isIdentifier(tokens.get(i))) {
            parts.add(fold(tokens.get(i)));
            i++;
            if (i < tokens.size() && tokens.get(i).equals(".")) {
                i++;
            } else {
                break;
            }
        }
        if (parts.isEmpty()) {
            return -1;
        }
        String table = parts.get(parts.size() - 1);
        tables.add(new Name(parts.size() > 1 ? parts.get(parts.size() - 2) : null, table));
        return i;
    }

    private static boolean isIdentifier(String token) {
        char c = token.charAt(0);
        return c == '"' || Character.isLetter(c) || c == '_';
    }

    private static String fold(String identifier) {
        if (identifier.charAt(0) == '"') {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }

    private static String upper(String token) {
        return token.charAt(0) == '"' ? token : token.toUpperCase(Locale.ROOT);
    }

    /** Words, quoted identifiers and single punctuation characters, past literals, comments and dollar quotes. */
    static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int close = i + 1;
                while (true) {
                    close = sql.indexOf('"', close);
                    if (close < 0 || close + 1 >= length || sql.charAt(close + 1) != '"') {
                        break;
                    }
                    close += 2; // a doubled quote inside the identifier
                }
                int end = close < 0 ? length : close + 1;
                tokens.add(close < 0 ? sql.substring(i) + "\"" : sql.substring(i, end));
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(sql.substring(i, end));
                i = end;
            } else {
                int after = SqlText.afterQuotedOrComment(sql, i);
                if (after > i) {
                    i = after;
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            }
        }
        return tokens;
    }
}
