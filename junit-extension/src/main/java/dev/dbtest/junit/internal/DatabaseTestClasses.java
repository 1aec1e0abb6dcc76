package dev.dbtest.junit.internal;

import dev.dbtest.junit.DatabaseTest;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Optional;

/** Finds the {@link DatabaseTest} that governs a test class, the one way both the extension and discovery look. */
public final class DatabaseTestClasses {

    private DatabaseTestClasses() {
    }

    /**
     * The {@code @DatabaseTest} of the class, of a superclass (it is {@code @Inherited}), through a meta-annotation,
     * or of an enclosing class (a {@code @Nested} class runs with its enclosing class's extension).
     */
    public static Optional<DatabaseTest> find(Class<?> testClass) {
        for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
            Optional<DatabaseTest> found = AnnotationSupport.findAnnotation(current, DatabaseTest.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
