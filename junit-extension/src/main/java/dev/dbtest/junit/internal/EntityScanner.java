package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Finds the {@code @Entity} classes of {@code @DatabaseTest(entityPackages)}, in directories and jars alike. */
final class EntityScanner {

    private EntityScanner() {
    }

    /** Returns the entity classes of {@code packages} (and their subpackages), ordered by name. */
    static List<Class<?>> scan(String[] packages, Class<?> testClass) {
        if (packages.length == 0) {
            return List.of();
        }
        List<Class<?>> entities = new ArrayList<>();
        try (ScanResult scan = new ClassGraph().overrideClassLoaders(testClass.getClassLoader())
                .acceptPackages(packages).enableAnnotationInfo().ignoreClassVisibility().scan()) {
            entities.addAll(scan.getClassesWithAnnotation("jakarta.persistence.Entity").loadClasses());
        }
        if (entities.isEmpty()) {
            throw new DbTestException("@DatabaseTest(entityPackages = " + String.join(", ", packages) + ") on "
                    + testClass.getName() + " found no class annotated with @jakarta.persistence.Entity there.\n"
                    + "  Fix: check the package names (subpackages are included), or list the classes with "
                    + "@DatabaseTest(entities = {...}).");
        }
        entities.sort(Comparator.comparing(Class::getName));
        return entities;
    }
}
