package dev.dbtest.junit.internal;

import dev.dbtest.core.Dialect;
import dev.dbtest.core.internal.SqlText;
import dev.dbtest.core.internal.schema.DdlWriter;
import dev.dbtest.core.internal.schema.EntityReader;
import dev.dbtest.core.internal.schema.Naming;
import dev.dbtest.core.internal.schema.SchemaModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * What defines a schema: the entity classes, Flyway migrations and SQL scripts of {@code @DatabaseTest}, files read
 * once. Its {@link #key} is a hash of the DDL the entities give, the migrations' and scripts' contents, the dialect and
 * dbtest's version, so test classes with the same schema share one database.
 */
final class SchemaSource {

    static final String DBTEST_VERSION = readVersion();

    /** One script: where it was named, and its text. */
    record Script(String location, String sql) {
    }

    private final SchemaModel model; // null without entities
    private final Migrations migrations;
    private final List<Script> scripts;

    private SchemaSource(List<Class<?>> entities, Migrations migrations, List<Script> scripts, Naming naming) {
        // Read now, so that a mapping mistake fails the class before any database is started.
        this.model = entities.isEmpty() ? null : EntityReader.read(entities, naming).renamed(naming);
        this.migrations = migrations;
        this.scripts = List.copyOf(scripts);
    }

    /** The entities' mappings after naming, or {@code null} when the schema has no entities. */
    SchemaModel model() {
        return model;
    }

    static SchemaSource of(List<Class<?>> entities, String[] migrations, String[] locations, Naming naming,
            Class<?> testClass) {
        List<Script> scripts = new ArrayList<>();
        for (String location : locations) {
            scripts.add(new Script(location, read(location, testClass)));
        }
        return new SchemaSource(entities, Migrations.of(migrations, testClass), scripts, naming);
    }

    /** The DDL of the entities on {@code dialect}, one statement per script so that a failure names it; runs first. */
    List<Script> entityDdl(Dialect dialect) {
        List<Script> all = new ArrayList<>();
        if (model != null) {
            for (String ddl : DdlWriter.write(model, dialect)) {
                all.add(new Script("the entities' DDL: " + SqlText.abbreviate(ddl), ddl));
            }
        }
        return all;
    }

    /** The Flyway migrations; run after the entities' DDL. */
    Migrations migrations() {
        return migrations;
    }

    /** The SQL scripts; run last. */
    List<Script> scripts() {
        return scripts;
    }

    String key(Dialect dialect) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((dialect + "\n" + DBTEST_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
            List<Script> all = new ArrayList<>(entityDdl(dialect));
            all.addAll(migrations.files());
            all.addAll(scripts);
            for (Script script : all) {
                digest.update((script.location() + "\n" + script.sql() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String read(String location, Class<?> testClass) {
        try {
            if (location.startsWith("file:")) {
                return Files.readString(Path.of(location.substring("file:".length())));
            }
            String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            path = path.startsWith("/") ? path.substring(1) : path;
            ClassLoader loader = testClass.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw Messages.scriptNotFound(location, testClass.getName());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            throw Messages.scriptNotFound(location, testClass.getName());
        } catch (IOException e) {
            throw new dev.dbtest.core.DbTestException("The script '" + location + "' of " + testClass.getName()
                    + " could not be read: " + e, e);
        }
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = SchemaSource.class.getResourceAsStream("dbtest.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException ignored) {
            // the version only salts the schema key
        }
        return properties.getProperty("version", "unknown");
    }
}
