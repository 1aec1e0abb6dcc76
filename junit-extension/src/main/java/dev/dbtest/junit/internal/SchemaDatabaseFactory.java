package dev.dbtest.junit.internal;

import dev.dbtest.core.internal.schema.Naming;
import dev.dbtest.junit.DatabaseTest;

import java.util.ArrayList;
import java.util.List;

/** Finds the database a test class runs on, from its schema definition. */
public final class SchemaDatabaseFactory {

    private SchemaDatabaseFactory() {
    }

    public static SchemaDatabase forClass(DbTestRuntime runtime, Class<?> testClass, DatabaseTest annotation) {
        Naming naming = annotation.naming().isEmpty() ? runtime.config().naming()
                : Naming.parse(annotation.naming(), "@DatabaseTest(naming) on " + testClass.getName());
        List<Class<?>> entities = new ArrayList<>(List.of(annotation.entities()));
        for (Class<?> found : EntityScanner.scan(annotation.entityPackages(), testClass)) {
            if (!entities.contains(found)) {
                entities.add(found);
            }
        }
        return runtime.database(SchemaSource.of(entities, annotation.migrations(), annotation.scripts(), naming,
                testClass), testClass.getName());
    }
}
