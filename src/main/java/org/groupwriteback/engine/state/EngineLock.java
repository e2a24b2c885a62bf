package org.groupwriteback.engine.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.groupwriteback.engine.config.DataDirectory;

/**
 * The OS file lock on {@code <data>/engine.lock} that makes one engine process at a time the writer of
 * a data directory (service, CLI and wizard alike). The holder writes its pid into the file so that a
 * refused opener can say who is in the way. Released on {@link #close()} or when the process dies.
 */
public final class EngineLock implements AutoCloseable {
    /** File name of the lock inside the data directory. */
    public static final String FILE_NAME = org.groupwriteback.engine.config.DataDirectory.LOCK_FILE;

    private final FileChannel channel;
    private final FileLock lock;

    private EngineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws a {@link StateException} naming the pid that holds it. */
    public static EngineLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            DataDirectory.restrictToOwner(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM (e.g. the wizard's in-process engine)
            }
            if (lock == null) {
                String holder = readPid(channel);
                channel.close();
                throw new StateException("another group-writeback engine (pid " + holder + ") is using " + dataDir
                        + "; wait for it or stop it");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new EngineLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateException("cannot lock " + file + ": " + e.getMessage()
                    + "; check that the data directory exists and is writable by this account", e);
        }
    }

    private static String readPid(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        int n = channel.read(buf, 0);
        String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? "unknown" : text;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it anyway
        }
        closeQuietly(channel);
    }
}
