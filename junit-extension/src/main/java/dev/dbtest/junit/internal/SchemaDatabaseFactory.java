package dev.dbtest.junit.internal;

/** Finds the database a test class runs on, from its schema definition. */
public final class SchemaDatabaseFactory {

    private SchemaDatabaseFactory() {
    }

    public static SchemaDatabase forClass(DbTestRuntime runtime, Class<?> testClass, Class<?>[] entities,
            String[] scripts) {
        return runtime.database(SchemaSource.of(entities, scripts, testClass), testClass.getName());
    }
}
