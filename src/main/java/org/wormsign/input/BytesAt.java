package org.wormsign.input;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A plain file's bytes read at any offset, with no position of its own, so that a file cut into line-aligned
 * ranges is read range by range: a local file's channel, or a Hadoop file system's stream (a Spark job's input on
 * HDFS or S3), which reads at an offset the same way.
 */
public interface BytesAt extends Closeable {
    /** Reads up to {@code len} bytes at {@code position} into {@code b} from {@code off}; -1 at or past the end. */
    int read(long position, byte[] b, int off, int len) throws IOException;

    /** A local file, read through its own channel. */
    static BytesAt open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        return new BytesAt() {
            @Override public int read(long position, byte[] b, int off, int len) throws IOException {
                return ch.read(ByteBuffer.wrap(b, off, len), position);
            }

            @Override public void close() throws IOException {
                ch.close();
            }
        };
    }

    /** Fills {@code b}'s first {@code n} bytes from {@code at}; the file ending first is an error. */
    default void readFully(long at, byte[] b, int n) throws IOException {
        for (int done = 0; done < n; ) {
            int got = read(at + done, b, done, n - done);
            if (got < 0) throw new java.io.EOFException("file shorter than when it was opened");
            done += got;
        }
    }
}
