package dev.dbtest.benchmarks;

import dev.dbtest.fixtures.Fixtures;
import dev.dbtest.junit.DatabaseTest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The runs of {@link TimeToFirstTestBenchmark}: a {@code @DatabaseTest} class with one trivial test on two entities,
 * and a class with no tests at all, which the same launcher selects for the run that measures everything but the
 * first test.
 */
final class FirstTestCases {

    private FirstTestCases() {
    }

    @Entity
    @Table(name = "customers")
    public static class Customer {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        @Column(nullable = false, length = 100)
        String name;
    }

    @Entity
    @Table(name = "purchases")
    public static class Purchase {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        @ManyToOne(optional = false)
        Customer customer;

        @Column(nullable = false)
        int cents;
    }

    /** One test: a purchase (and its customer) made by fixtures and counted back. */
    @DatabaseTest(entities = {Customer.class, Purchase.class})
    static class OneTest {

        @Test
        void aPurchaseIsSaved(Fixtures fixtures, DataSource dataSource) throws Exception {
            fixtures.create(Purchase.class);
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM purchases")) {
                rows.next();
                if (rows.getInt(1) != 1) {
                    throw new AssertionError("expected one purchase, found " + rows.getInt(1));
                }
            }
        }
    }

    /** No tests: the launcher finds nothing to run. */
    static class NoTests {
    }
}
