package dev.dbtest.core.internal;

/**
 * Finds the code that executed a statement: the first stack frame outside the JDK, JDBC drivers, connection pools,
 * ORMs and query builders, and dbtest itself.
 */
final class Callers {

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String[] FRAMEWORKS = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "org.postgresql.", "org.h2.", "com.zaxxer.hikari.", "org.hibernate.", "org.jooq.", "org.springframework.",
            "net.ttddyy.dsproxy.", "org.mybatis.", "org.apache.ibatis.", "org.eclipse.persistence.", "org.flywaydb.",
            "org.junit.", "org.apache.maven.surefire.", "dev.dbtest.core.", "dev.dbtest.fixtures.",
            "dev.dbtest.assertions.", "dev.dbtest.junit.internal.", "dev.dbtest.junit.DatabaseTestExtension"};

    private Callers() {
    }

    /** Returns {@code Class.method(File.java:42)} of the caller, or {@code "unknown"}. */
    static String find() {
        return WALKER.walk(frames -> frames.filter(frame -> !isFramework(frame.getClassName())).findFirst()
                .map(Callers::format).orElse("unknown"));
    }

    private static boolean isFramework(String className) {
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
