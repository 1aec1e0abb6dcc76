package dev.dbtest.junit.internal;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.IterationSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.NestedClassSelector;
import org.junit.platform.engine.discovery.NestedMethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the run's PostgreSQL container while JUnit discovers the tests, so that the container's start overlaps
 * discovery (and the JVM's own warm-up) instead of following it. The JUnit Platform launcher registers this listener
 * through {@code META-INF/services/org.junit.platform.launcher.LauncherDiscoveryListener} (Surefire, Gradle, IDEs and
 * the console launcher all create their launcher that way).
 *
 * <p>It begins an {@link EarlyStart} only when the run will surely want the container: the configuration, read from
 * the request's parameters exactly as {@link DbTestConfig} reads them for the run, would start one
 * ({@code dbtest.database=postgres}, or {@code auto} without {@code dbtest.url}), {@code dbtest.docker.early-start} is
 * not {@code false}, and a selector names a {@code @DatabaseTest} class (a class, method, nested class or unique id
 * selector). A run selected by package or class path scan starts its container on first use, as always. Anything
 * that goes wrong here is left for the run to meet and report where it always has.
 */
public final class EarlyStartListener implements LauncherDiscoveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyStartListener.class);

    /** For {@link java.util.ServiceLoader}. */
    public EarlyStartListener() {
    }

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        try {
            DbTestConfig config = DbTestConfig.read(key -> request.getConfigurationParameters().get(key),
                    System.getenv());
            if (config.earlyStart() && config.wouldStartContainer() && selectsDatabaseTest(request)) {
                EarlyStart.begin(config);
            }
        } catch (RuntimeException | LinkageError e) {
            // A wrong setting, a class that does not load: the run says what is wrong when it gets there.
            LOG.debug("dbtest: no early start of PostgreSQL: {}", e.toString());
        }
    }

    /** Whether a selector of the request names a {@code @DatabaseTest} class. */
    static boolean selectsDatabaseTest(LauncherDiscoveryRequest request) {
        for (DiscoverySelector selector : request.getSelectorsByType(DiscoverySelector.class)) {
            try {
                Class<?> selected = selectedClass(selector);
                if (selected != null && DatabaseTestClasses.find(selected).isPresent()) {
                    return true;
                }
            } catch (RuntimeException | LinkageError notLoadable) {
                // JUnit reports a selector it cannot resolve
            }
        }
        return false;
    }

    /** The class a selector names, or {@code null} for one that names none (a package, a class path root...). */
    private static Class<?> selectedClass(DiscoverySelector selector) {
        if (selector instanceof ClassSelector classSelector) {
            return classSelector.getJavaClass();
        }
        if (selector instanceof MethodSelector methodSelector) {
            return methodSelector.getJavaClass();
        }
        if (selector instanceof NestedClassSelector nested) {
            return nested.getNestedClass();
        }
        if (selector instanceof NestedMethodSelector nested) {
            return nested.getNestedClass();
        }
        if (selector instanceof IterationSelector iteration) {
            return selectedClass(iteration.getParentSelector());
        }
        if (selector instanceof UniqueIdSelector uniqueId) {
            return classOf(uniqueId.getUniqueId());
        }
        return null;
    }

    /** The class of a Jupiter unique id ({@code [class:a.B]/[nested-class:C]/[method:...]}), or {@code null}. */
    private static Class<?> classOf(UniqueId id) {
        StringBuilder name = null;
        for (UniqueId.Segment segment : id.getSegments()) {
            if (segment.getType().equals("class")) {
                name = new StringBuilder(segment.getValue());
            } else if (segment.getType().equals("nested-class") && name != null) {
                name.append('$').append(segment.getValue());
            }
        }
        if (name == null) {
            return null;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name.toString(), false,
                    loader != null ? loader : EarlyStartListener.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
