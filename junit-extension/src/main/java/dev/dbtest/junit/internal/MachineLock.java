package dev.dbtest.junit.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock held across the JVMs of this machine (a lock file in the temporary directory) and across the threads of this
 * JVM: two Surefire forks, or two runs, starting at once must adopt one container or build one image, not two.
 */
final class MachineLock implements AutoCloseable {

    /** The JVM's side: a file lock is held by the JVM, so its threads take turns on this first. */
    private static final ConcurrentHashMap<String, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threads;
    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(ReentrantLock threads, FileChannel channel, FileLock lock) {
        this.threads = threads;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits for and takes the lock {@code name}, for {@code purpose} (named when the lock file cannot be used).
     *
     * @param name a file name: letters, digits and dashes
     */
    static MachineLock take(String name, String purpose) {
        ReentrantLock threads = IN_THIS_JVM.computeIfAbsent(name, key -> new ReentrantLock());
        threads.lock();
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "dbtest-" + name + ".lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new MachineLock(threads, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            threads.unlock();
            throw new IllegalStateException("could not take the lock file " + file + " of " + purpose + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock ends with the channel, or with the JVM
        } finally {
            threads.unlock();
        }
    }
}
