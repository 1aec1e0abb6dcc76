package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.Resource;
import io.github.classgraph.ScanResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Flyway migrations of {@code @DatabaseTest(migrations)}: their files (which go into the schema key) and, through
 * {@link FlywayRunner}, running them. Flyway is optional: only classes that use migrations need it.
 */
final class Migrations {

    private final List<String> locations;
    private final List<SchemaSource.Script> files;
    private final ClassLoader loader;

    private Migrations(List<String> locations, List<SchemaSource.Script> files, ClassLoader loader) {
        this.locations = locations;
        this.files = files;
        this.loader = loader;
    }

    static Migrations of(String[] locations, Class<?> testClass) {
        if (locations.length == 0) {
            return new Migrations(List.of(), List.of(), testClass.getClassLoader());
        }
        requireFlyway(testClass.getClassLoader(), testClass.getName());
        List<SchemaSource.Script> files = new ArrayList<>();
        for (String location : locations) {
            List<SchemaSource.Script> found = location.startsWith("filesystem:")
                    ? filesIn(Path.of(location.substring("filesystem:".length())))
                    : resourcesIn(location.startsWith("classpath:") ? location.substring("classpath:".length())
                            : location, testClass.getClassLoader());
            if (found.isEmpty()) {
                throw new DbTestException("@DatabaseTest(migrations = \"" + location + "\") on " + testClass.getName()
                        + " found no migration there.\n"
                        + "  Fix: put the migrations (V1__create.sql, ...) under src/test/resources/"
                        + location.replaceFirst("^classpath:", "") + " or src/main/resources/..., or correct the "
                        + "location ('classpath:db/migration' or 'filesystem:path/to/dir').");
            }
            files.addAll(found);
        }
        return new Migrations(List.of(locations), List.copyOf(files), testClass.getClassLoader());
    }

    /** Fails, with the artifact to add, when Flyway is not on the test classpath. */
    static void requireFlyway(ClassLoader loader, String testClass) {
        try {
            Class.forName("org.flywaydb.core.Flyway", false, loader);
        } catch (ClassNotFoundException e) {
            throw new DbTestException("@DatabaseTest(migrations) on " + testClass + " runs Flyway, and Flyway is not on "
                    + "the test classpath.\n"
                    + "  Fix: add org.flywaydb:flyway-core (and org.flywaydb:flyway-database-postgresql for "
                    + "PostgreSQL) as test dependencies.");
        }
    }

    boolean isEmpty() {
        return locations.isEmpty();
    }

    /** The migration files, for the schema key: a changed migration makes a new database. */
    List<SchemaSource.Script> files() {
        return files;
    }

    void migrate(ConnectionSpec database) {
        FlywayRunner.migrate(database, locations, loader);
    }

    private static List<SchemaSource.Script> resourcesIn(String path, ClassLoader loader) {
        List<SchemaSource.Script> found = new ArrayList<>();
        try (ScanResult scan = new ClassGraph().overrideClassLoaders(loader).acceptPaths(path).scan()) {
            for (Resource resource : scan.getAllResources()) {
                found.add(new SchemaSource.Script(resource.getPath(), resource.getContentAsString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(java.util.Comparator.comparing(SchemaSource.Script::location));
        return found;
    }

    private static List<SchemaSource.Script> filesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            List<SchemaSource.Script> found = new ArrayList<>();
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                found.add(new SchemaSource.Script(directory.relativize(path).toString(),
                        Files.readString(path, StandardCharsets.UTF_8)));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
