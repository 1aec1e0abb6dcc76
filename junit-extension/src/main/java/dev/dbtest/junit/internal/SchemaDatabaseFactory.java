package dev.dbtest.junit.internal;

import dev.dbtest.core.internal.schema.Naming;
import dev.dbtest.junit.DatabaseTest;

/** Finds the database a test class runs on, from its schema definition. */
public final class SchemaDatabaseFactory {

    private SchemaDatabaseFactory() {
    }

    public static SchemaDatabase forClass(DbTestRuntime runtime, Class<?> testClass, DatabaseTest annotation) {
        Naming naming = annotation.naming().isEmpty() ? runtime.config().naming()
                : Naming.parse(annotation.naming(), "@DatabaseTest(naming) on " + testClass.getName());
        return runtime.database(SchemaSource.of(annotation.entities(), annotation.scripts(), naming, testClass),
                testClass.getName());
    }
}
