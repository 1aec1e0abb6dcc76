package dev.dbtest.core.internal;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds the code that executed a statement: the first stack frame outside the JDK, JDBC drivers, connection pools,
 * ORMs and query builders, and dbtest itself.
 */
final class Callers {

    // Reflection frames are shown rather than hidden: hiding them costs a look at every frame's class name, and the
    // filter below skips them anyway (they are the JDK's).
    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES));
    // Per class, once: whether its frames are skipped. Saves comparing every frame's name with every prefix.
    private static final ClassValue<Boolean> SKIPPED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isFramework(type.getName());
        }
    };
    private static final String[] FRAMEWORKS = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "org.postgresql.", "org.h2.", "com.zaxxer.hikari.", "org.hibernate.", "org.jooq.", "org.springframework.",
            "net.ttddyy.dsproxy.", "org.mybatis.", "org.apache.ibatis.", "org.eclipse.persistence.", "org.flywaydb.",
            "org.junit.", "org.apache.maven.surefire.", "org.jdbi.", "org.apache.commons.dbcp2.", "com.mchange.",
            "com.p6spy.", "dev.dbtest.core.", "dev.dbtest.fixtures.",
            "dev.dbtest.assertions.", "dev.dbtest.junit.internal.", "dev.dbtest.junit.DatabaseTestExtension"};

    /** What a statement's caller is when finding callers is switched off. */
    static final Supplier<String> NOT_FOUND = () -> "unknown (dbtest.queries.callers=false)";

    private Callers() {
    }

    /**
     * Finds the caller now (the stack is gone later) and returns how to write it out: {@code Class.method(File.java:42)}
     * or {@code "unknown"}. Writing it (reading the line number) waits until someone asks, which most never do.
     */
    static Supplier<String> find() {
        StackWalker.StackFrame caller = WALKER.walk(frames -> frames
                .filter(frame -> !SKIPPED.get(frame.getDeclaringClass())).findFirst().orElse(null));
        return caller == null ? () -> "unknown" : () -> format(caller);
    }

    // Classes generated at run time in the user's packages: an ORM's lazy proxy, a CGLIB or ByteBuddy subclass. The
    // code that called them is the caller a user looks for.
    private static final String[] GENERATED = {"$HibernateProxy$", "$$SpringCGLIB$$", "$$EnhancerBy", "$ByteBuddy$",
            "$$_jvst"};

    private static boolean isFramework(String className) {
        for (String marker : GENERATED) {
            if (className.contains(marker)) {
                return true;
            }
        }
        for (String prefix : FRAMEWORKS) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String format(StackWalker.StackFrame frame) {
        String className = frame.getClassName();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple + "." + frame.getMethodName() + "(" + (frame.getFileName() == null ? "Unknown Source"
                : frame.getFileName() + ":" + frame.getLineNumber()) + ")";
    }
}
