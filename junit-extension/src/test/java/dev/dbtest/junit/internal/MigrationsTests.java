package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTests {

    @Test
    void withoutFlywayOnTheClasspathTheMessageNamesTheArtifacts() throws Exception {
        try (URLClassLoader withoutFlyway = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> Migrations.requireFlyway(withoutFlyway, "com.example.AccountTests"))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("@DatabaseTest(migrations) on com.example.AccountTests runs Flyway, and Flyway is not "
                            + "on the test classpath.\n"
                            + "  Fix: add org.flywaydb:flyway-core (and org.flywaydb:flyway-database-postgresql for "
                            + "PostgreSQL) as test dependencies.");
        }
    }
}
