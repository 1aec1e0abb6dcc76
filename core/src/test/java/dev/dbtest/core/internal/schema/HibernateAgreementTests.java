package dev.dbtest.core.internal.schema;

import dev.dbtest.core.Dialect;
import dev.dbtest.core.LocalPostgres;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The proof that the DDL from entities is what the application's ORM expects: Hibernate ORM's schema validator
 * ({@code hibernate.hbm2ddl.auto=validate}) checks every table, column, type and sequence of the blog's entities
 * against the schema dbtest created, on H2 and on PostgreSQL.
 */
class HibernateAgreementTests {

    private static final List<Class<?>> ENTITIES = List.of(Blog.User.class, Blog.Post.class, Blog.Profile.class,
            Blog.Chicken.class, Blog.Egg.class, Blog.Shop.class, Blog.Tag.class, Blog.Everything.class, Blog.Customer.class,
            Blog.Member.class);

    @Test
    void hibernateValidatesTheSchemaOnH2() throws SQLException {
        String url = "jdbc:h2:mem:hibernate_" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        createAndValidate(Dialect.H2, url, "sa");
    }

    @Test
    void hibernateValidatesTheSnakeCaseSchemaOfSpringBootsNamingStrategy() throws SQLException {
        String url = "jdbc:h2:mem:hibernate_" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            for (String ddl : DdlWriter.write(EntityReader.read(ENTITIES).renamed(Naming.SNAKE_CASE), Dialect.H2)) {
                statement.execute(ddl);
            }
            assertThat(statement.executeQuery("SELECT COUNT(*) FROM information_schema.columns "
                    + "WHERE column_name = 'created_at'")).satisfies(rows -> {
                        rows.next();
                        assertThat(rows.getInt(1)).isEqualTo(1);
                    });
            validate(url, "sa", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        }
    }

    @Test
    void hibernateValidatesTheSchemaOnPostgres() throws SQLException {
        try (LocalPostgres postgres = LocalPostgres.create("dbtest_hibernate")) {
            createAndValidate(Dialect.POSTGRESQL, postgres.url(), "postgres");
        }
    }

    private static void createAndValidate(Dialect dialect, String url, String user) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            for (String ddl : DdlWriter.write(EntityReader.read(ENTITIES), dialect)) {
                statement.execute(ddl);
            }
            validate(url, user, null);
        }
    }

    private static void validate(String url, String user, String physicalNamingStrategy) {
        Configuration configuration = new Configuration()
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", user)
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.hbm2ddl.auto", "validate");
        if (physicalNamingStrategy != null) {
            configuration.setProperty("hibernate.physical_naming_strategy", physicalNamingStrategy);
        }
        ENTITIES.forEach(configuration::addAnnotatedClass);
        assertThatCode(() -> {
            try (SessionFactory ignored = configuration.buildSessionFactory()) {
                // building it ran the validator
            }
        }).doesNotThrowAnyException();
    }
}
