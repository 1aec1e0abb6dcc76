package dev.dbtest.junit.internal;

import org.junit.platform.launcher.LauncherDiscoveryRequest;

/** What dbtest's own tests look at in an {@link EarlyStart}, from outside its package. */
public final class EarlyStartProbe {

    private EarlyStartProbe() {
    }

    /** Whether a start begun during discovery waits to be claimed. */
    public static boolean pending() {
        return EarlyStart.pending() != null;
    }

    /** The image of the start that waits to be claimed, or {@code null}. */
    public static String pendingImage() {
        EarlyStart pending = EarlyStart.pending();
        return pending == null ? null : pending.image();
    }

    /** When the last start begun in this JVM began ({@link System#nanoTime()}), or 0 when none has. */
    public static long lastBegunNanos() {
        EarlyStart last = EarlyStart.last();
        return last == null ? 0 : last.begunNanos();
    }

    /** Whether a run claimed the last start begun in this JVM. */
    public static boolean lastClaimed() {
        EarlyStart last = EarlyStart.last();
        return last != null && last.claimed();
    }

    /** Waits for the last start's Docker probe: {@code null} when Docker can be used, else why not. */
    public static String awaitLastProbe() {
        return EarlyStart.last().whyNotAvailable();
    }

    /** Waits for the last start's container and describes it (its id, image and address). */
    public static String awaitLastServer() {
        return EarlyStart.last().server().description();
    }

    /** Stops the start that waits to be claimed, if any, so that each test begins without one. */
    public static void discardPending() {
        EarlyStart.discardPending();
    }

    /** Whether the listener finds a {@code @DatabaseTest} class among the request's selectors. */
    public static boolean selectsDatabaseTest(LauncherDiscoveryRequest request) {
        return EarlyStartListener.selectsDatabaseTest(request);
    }
}
