package dev.dbtest.benchmarks.scale;

import dev.dbtest.junit.DatabaseTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The suite {@link ScaleOut} runs: {@value #CLASSES} {@code @DatabaseTest} classes ({@code C000} to {@code C099}) of
 * {@value #TESTS_PER_CLASS} tests each, 2,000 tests. Each test inserts {@value #ROWS} rows into one of the four tables
 * of {@code scale/schema.sql} (through one connection handle, in a batch), then reads the whole table back through
 * another handle of the injected {@code DataSource}, and checks that it sees its own rows and no other test's: under
 * parallel execution 25 classes write to each table at the same time, each test in its own rolled-back transaction.
 */
public final class ScaleSuite {

    public static final int CLASSES = 100;
    public static final int TESTS_PER_CLASS = 20;
    public static final int ROWS = 5;
    static final String[] TABLES = {"scale_customers", "scale_orders", "scale_invoices", "scale_events"};
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);

    private ScaleSuite() {
    }

    /** The suite's classes, in order. */
    public static List<Class<?>> classes() {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : ScaleSuite.class.getDeclaredClasses()) {
            if (Base.class.isAssignableFrom(type) && type != Base.class) {
                classes.add(type);
            }
        }
        classes.sort(java.util.Comparator.comparing(Class::getSimpleName));
        if (classes.size() != CLASSES) {
            throw new IllegalStateException("expected " + CLASSES + " classes, found " + classes.size());
        }
        return classes;
    }

    /** What every class of the suite runs: its table is picked by its number. */
    @DatabaseTest(scripts = "scale/schema.sql")
    abstract static class Base {

        @RepeatedTest(TESTS_PER_CLASS)
        void insertsRowsAndSeesOnlyItsOwn(RepetitionInfo repetition, DataSource dataSource) throws SQLException {
            int number = Integer.parseInt(getClass().getSimpleName().substring(1));
            String table = TABLES[number % TABLES.length];
            String tag = getClass().getSimpleName() + "-" + repetition.getCurrentRepetition();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO " + table + " (tag, name, amount, created_at) VALUES (?, ?, ?, ?)")) {
                for (int row = 0; row < ROWS; row++) {
                    insert.setString(1, tag);
                    insert.setString(2, "row " + row + " of " + tag);
                    insert.setInt(3, row);
                    insert.setObject(4, EPOCH.plusMinutes(number * TESTS_PER_CLASS + repetition.getCurrentRepetition()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            int mine = 0;
            int amounts = 0;
            List<String> others = new ArrayList<>();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement("SELECT tag, amount FROM " + table);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(1).equals(tag)) {
                        mine++;
                        amounts += rows.getInt(2);
                    } else {
                        others.add(rows.getString(1));
                    }
                }
            }
            if (mine != ROWS || amounts != ROWS * (ROWS - 1) / 2 || !others.isEmpty()) {
                throw new AssertionError(tag + " read " + mine + " of its " + ROWS + " rows (amounts " + amounts
                        + ") and " + others.size() + " rows of other tests " + others + " from " + table);
            }
        }
    }

    // The 100 classes (generated): each is a test class of its own, as a real suite's are.
    static class C000 extends Base {
    }

    static class C001 extends Base {
    }

    static class C002 extends Base {
    }

    static class C003 extends Base {
    }

    static class C004 extends Base {
    }

    static class C005 extends Base {
    }

    static class C006 extends Base {
    }

    static class C007 extends Base {
    }

    static class C008 extends Base {
    }

    static class C009 extends Base {
    }

    static class C010 extends Base {
    }

    static class C011 extends Base {
    }

    static class C012 extends Base {
    }

    static class C013 extends Base {
    }

    static class C014 extends Base {
    }

    static class C015 extends Base {
    }

    static class C016 extends Base {
    }

    static class C017 extends Base {
    }

    static class C018 extends Base {
    }

    static class C019 extends Base {
    }

    static class C020 extends Base {
    }

    static class C021 extends Base {
    }

    static class C022 extends Base {
    }

    static class C023 extends Base {
    }

    static class C024 extends Base {
    }

    static class C025 extends Base {
    }

    static class C026 extends Base {
    }

    static class C027 extends Base {
    }

    static class C028 extends Base {
    }

    static class C029 extends Base {
    }

    static class C030 extends Base {
    }

    static class C031 extends Base {
    }

    static class C032 extends Base {
    }

    static class C033 extends Base {
    }

    static class C034 extends Base {
    }

    static class C035 extends Base {
    }

    static class C036 extends Base {
    }

    static class C037 extends Base {
    }

    static class C038 extends Base {
    }

    static class C039 extends Base {
    }

    static class C040 extends Base {
    }

    static class C041 extends Base {
    }

    static class C042 extends Base {
    }

    static class C043 extends Base {
    }

    static class C044 extends Base {
    }

    static class C045 extends Base {
    }

    static class C046 extends Base {
    }

    static class C047 extends Base {
    }

    static class C048 extends Base {
    }

    static class C049 extends Base {
    }

    static class C050 extends Base {
    }

    static class C051 extends Base {
    }

    static class C052 extends Base {
    }

    static class C053 extends Base {
    }

    static class C054 extends Base {
    }

    static class C055 extends Base {
    }

    static class C056 extends Base {
    }

    static class C057 extends Base {
    }

    static class C058 extends Base {
    }

    static class C059 extends Base {
    }

    static class C060 extends Base {
    }

    static class C061 extends Base {
    }

    static class C062 extends Base {
    }

    static class C063 extends Base {
    }

    static class C064 extends Base {
    }

    static class C065 extends Base {
    }

    static class C066 extends Base {
    }

    static class C067 extends Base {
    }

    static class C068 extends Base {
    }

    static class C069 extends Base {
    }

    static class C070 extends Base {
    }

    static class C071 extends Base {
    }

    static class C072 extends Base {
    }

    static class C073 extends Base {
    }

    static class C074 extends Base {
    }

    static class C075 extends Base {
    }

    static class C076 extends Base {
    }

    static class C077 extends Base {
    }

    static class C078 extends Base {
    }

    static class C079 extends Base {
    }

    static class C080 extends Base {
    }

    static class C081 extends Base {
    }

    static class C082 extends Base {
    }

    static class C083 extends Base {
    }

    static class C084 extends Base {
    }

    static class C085 extends Base {
    }

    static class C086 extends Base {
    }

    static class C087 extends Base {
    }

    static class C088 extends Base {
    }

    static class C089 extends Base {
    }

    static class C090 extends Base {
    }

    static class C091 extends Base {
    }

    static class C092 extends Base {
    }

    static class C093 extends Base {
    }

    static class C094 extends Base {
    }

    static class C095 extends Base {
    }

    static class C096 extends Base {
    }

    static class C097 extends Base {
    }

    static class C098 extends Base {
    }

    static class C099 extends Base {
    }
}
