package dev.dbtest.core.internal;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a connection handle was taken: the frames of the code that called {@code getConnection()}, up to the test
 * method, dbtest's own left out. Taken with a stack walk that stops after {@link #DEPTH} frames and keeps the frames
 * unformatted, since a report is rare (the handle has to be left open) and the walk is on the path of every
 * {@code getConnection()}; or, while {@link LeakSites} records nothing, only the thread, and the caller of the handle's
 * first statement once it runs (the caller statement capture finds anyway, or a walk of its own where nothing is
 * captured, as under {@code @BeforeAll}).
 */
final class OpeningSite {

    private static final int DEPTH = 12;
    // The frames' classes are kept, so that each frame is classified by a ClassValue read instead of string compares;
    // reflection's frames are shown and skipped here, which costs less than the JDK's hiding them (a look at each
    // frame's class). Sixteen frames in the first batch: enough to reach the test runner's frames from a test method,
    // in one fetch rather than two (8, then 16). Measured against the default walker at a depth of 70 frames: 1.9
    // against 3.1 µs a walk with hot caches, 17 against 20 µs with cold ones.
    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES), 16);
    private static final int DBTEST = 0;
    private static final int REFLECTION = 1;
    private static final int TEST_RUNNER = 2; // JUnit's frames tell nothing: the site ends there
    private static final int CODE = 3;
    private static final ClassValue<Integer> KIND = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return kind(type.getName());
        }
    };

    private final List<StackWalker.StackFrame> frames; // null: not recorded
    private final String thread;
    private volatile Supplier<String> firstStatementCaller;

    private OpeningSite(List<StackWalker.StackFrame> frames, String thread) {
        this.frames = frames;
        this.thread = thread;
    }

    static OpeningSite capture() {
        List<StackWalker.StackFrame> frames = WALKER.walk(stack -> stack
                .filter(frame -> KIND.get(frame.getDeclaringClass()) != REFLECTION)
                .dropWhile(frame -> KIND.get(frame.getDeclaringClass()) == DBTEST)
                .takeWhile(frame -> KIND.get(frame.getDeclaringClass()) != TEST_RUNNER)
                .limit(DEPTH)
                .toList());
        return new OpeningSite(frames, Thread.currentThread().getName());
    }

    /** A site whose frames are not recorded: the thread only, and later its first statement's caller. */
    static OpeningSite notRecorded() {
        return new OpeningSite(null, Thread.currentThread().getName());
    }

    /** Whether the caller of the handle's next statement is wanted: its first, when the frames were not recorded. */
    boolean wantsFirstStatementCaller() {
        return frames == null && firstStatementCaller == null;
    }

    /** The handle's first statement ran, called from {@code caller}: named in a report, as the frames are missing. */
    void statementRan(Supplier<String> caller) {
        firstStatementCaller = caller;
    }

    private static int kind(String className) {
        if (className.startsWith("dev.dbtest.core.internal.") || className.startsWith("dev.dbtest.junit.internal.")) {
            return DBTEST;
        }
        if (className.startsWith("jdk.internal.reflect.") || className.equals("java.lang.reflect.Method")
                || className.equals("java.lang.reflect.Constructor")) {
            return REFLECTION;
        }
        return className.startsWith("org.junit.") ? TEST_RUNNER : CODE;
    }

    /** The site as a stack trace is printed: one {@code at ...} line a frame, each line starting with {@code indent}. */
    String describe(String indent) {
        StringBuilder text = new StringBuilder();
        text.append(indent).append("taken on thread ").append(thread);
        if (frames == null) {
            Supplier<String> caller = firstStatementCaller;
            text.append("; ").append(LeakSites.NOT_RECORDED).append('\n').append(indent).append("  ")
                    .append(caller == null ? "no statement ran through it" : "its first statement ran at " + caller.get());
            return text.toString();
        }
        for (StackWalker.StackFrame frame : frames) {
            text.append('\n').append(indent).append("  at ").append(frame.toStackTraceElement());
        }
        if (frames.size() == DEPTH) {
            text.append('\n').append(indent).append("  ...");
        }
        return text.toString();
    }
}
