package dev.dbtest.junit.internal;

import org.flywaydb.core.Flyway;

import java.util.List;

/** The only class that touches Flyway, so that it is loaded only when migrations are used. */
final class FlywayRunner {

    private FlywayRunner() {
    }

    static void migrate(ConnectionSpec database, List<String> locations, ClassLoader loader) {
        Flyway.configure(loader)
                .dataSource(database.url(), database.username(), database.password())
                .locations(locations.toArray(String[]::new))
                .load()
                .migrate();
    }
}
