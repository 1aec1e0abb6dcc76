package dev.dbtest.core.internal;

/**
 * Whether connection handles record where they were taken, for the reports of handles left open: a stack walk per
 * {@code getConnection()}, which costs about as much as a statement's round trip. Handles record it from the first leak
 * of a run on (a suite that leaks once mostly leaks again, from the same code), or from the start when asked.
 *
 * <p>A handle taken while nothing is recorded still names its thread and the caller of its first statement.
 */
public final class LeakSites {

    /** How a report of a handle whose site was not recorded says so. */
    public static final String NOT_RECORDED = "where it was taken was not recorded";

    private volatile boolean recording;

    /** @param always whether handles record their site from the start, not only after the first leak */
    public LeakSites(boolean always) {
        this.recording = always;
    }

    /** A leak was reported: from now on every handle records where it was taken. */
    public void leakFound() {
        recording = true;
    }

    /** Tells whether handles taken now record where they were taken. */
    public boolean recording() {
        return recording;
    }
}
