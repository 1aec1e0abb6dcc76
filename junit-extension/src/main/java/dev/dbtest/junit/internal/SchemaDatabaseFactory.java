package dev.dbtest.junit.internal;

import dev.dbtest.core.internal.schema.Naming;
import dev.dbtest.fixtures.internal.FixtureSession;
import dev.dbtest.junit.DatabaseTest;

import java.util.ArrayList;
import java.util.List;

/** Finds the database a test class runs on, from its schema definition. */
public final class SchemaDatabaseFactory {

    private SchemaDatabaseFactory() {
    }

    /** What fixtures of a class need besides the database: the entity mappings, the naming, the factories. */
    public record FixtureSetup(dev.dbtest.core.internal.schema.SchemaModel model, Naming naming,
            List<Class<?>> factories) {
    }

    /** A class's database and the setup of its fixtures. */
    public record ClassSchema(SchemaDatabase database, FixtureSetup fixtures) {
    }

    public static ClassSchema forClass(DbTestRuntime runtime, Class<?> testClass, DatabaseTest annotation) {
        Naming naming = annotation.naming().isEmpty() ? runtime.config().naming()
                : Naming.parse(annotation.naming(), "@DatabaseTest(naming) on " + testClass.getName());
        List<Class<?>> entities = new ArrayList<>(List.of(annotation.entities()));
        for (Class<?> found : EntityScanner.scan(annotation.entityPackages(), testClass)) {
            if (!entities.contains(found)) {
                entities.add(found);
            }
        }
        List<Class<?>> factories = List.of(annotation.factories());
        SchemaSource source = SchemaSource.of(entities, annotation.migrations(), annotation.scripts(), naming,
                testClass);
        FixtureSession.checkFactories(factories, source.model(), testClass.getName());
        return new ClassSchema(runtime.database(source, testClass.getName()),
                new FixtureSetup(source.model(), naming, factories));
    }
}
