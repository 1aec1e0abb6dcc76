package dev.dbtest.core.internal;

import java.util.List;

/**
 * Where a connection handle was taken: the frames of the code that called {@code getConnection()}, up to the test
 * method, dbtest's own left out. Taken with a stack walk that stops after {@link #DEPTH} frames and keeps the frames unformatted, since a
 * report is rare (the handle has to be left open) and the walk is on the path of every {@code getConnection()}.
 */
final class OpeningSite {

    private static final int DEPTH = 12;
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String[] DBTEST = {"dev.dbtest.core.internal.", "dev.dbtest.junit.internal."};
    private static final String TEST_RUNNER = "org.junit.";

    private final List<StackWalker.StackFrame> frames;
    private final String thread;

    private OpeningSite(List<StackWalker.StackFrame> frames, String thread) {
        this.frames = frames;
        this.thread = thread;
    }

    static OpeningSite capture() {
        List<StackWalker.StackFrame> frames = WALKER.walk(stack -> stack
                .dropWhile(frame -> isDbtest(frame.getClassName()))
                .takeWhile(frame -> !frame.getClassName().startsWith(TEST_RUNNER)) // JUnit's frames tell nothing
                .limit(DEPTH)
                .toList());
        return new OpeningSite(frames, Thread.currentThread().getName());
    }

    private static boolean isDbtest(String className) {
        for (String prefix : DBTEST) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The site as a stack trace is printed: one {@code at ...} line a frame, each line starting with {@code indent}. */
    String describe(String indent) {
        StringBuilder text = new StringBuilder();
        text.append(indent).append("taken on thread ").append(thread);
        for (StackWalker.StackFrame frame : frames) {
            text.append('\n').append(indent).append("  at ").append(frame.toStackTraceElement());
        }
        if (frames.size() == DEPTH) {
            text.append('\n').append(indent).append("  ...");
        }
        return text.toString();
    }
}
