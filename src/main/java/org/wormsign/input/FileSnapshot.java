package org.wormsign.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A regular file read as it was when it was opened: up to the size it had then, and on to the end of the
 * line being written at that size, if it grew. A live log (the server still appends to it) then gives a
 * report of a definite prefix, whose SHA-256 can be checked against {@code head -c BYTES}; a log truncated
 * while read (logrotate's {@code copytruncate}) ends early. Either change is said by {@link #change()} once
 * the stream has been read to its end, and is an error of the input: its report is not of the whole file.
 */
public final class FileSnapshot extends BulkInputStream {
    private final FileChannel channel;
    private final long sizeAtOpen;
    private long position;
    private int lastByte = -1;
    /** Reading past the size at open, to the end of the line that was being written then. */
    private boolean finishingLine;
    private boolean ended;
    private String change;
    /** Read up to a size given rather than the size at open ({@link #prefix}): what is written past it is expected. */
    private final boolean cut;

    private FileSnapshot(FileChannel channel, long size, boolean cut) {
        this.channel = channel;
        this.sizeAtOpen = size;
        this.cut = cut;
    }

    public static FileSnapshot open(Path path) throws IOException {
        FileChannel c = FileChannel.open(path, StandardOpenOption.READ);
        return new FileSnapshot(c, c.size(), false);
    }

    /**
     * The file's first {@code bytes} bytes, which end with a line end: a later run reads on from there, so the file
     * growing past them is no change worth saying; shrinking below them is.
     */
    public static FileSnapshot prefix(Path path, long bytes) throws IOException {
        return new FileSnapshot(FileChannel.open(path, StandardOpenOption.READ), bytes, true);
    }

    @Override public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (ended) return -1;
        if (!finishingLine && position >= sizeAtOpen) {
            // At the size seen at open: done, unless that cut a line the server was still writing.
            if (cut || lastByte < 0 || lastByte == '\n' || channel.size() <= position) return end();
            finishingLine = true;
        }
        int want = finishingLine ? len : (int) Math.min(len, sizeAtOpen - position);
        int n = channel.read(ByteBuffer.wrap(b, off, want), position);
        if (n <= 0) return end();
        if (finishingLine) {
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\n') {
                    n = i - off + 1;
                    ended = true; // the next read reports the end
                    break;
                }
            }
        }
        position += n;
        lastByte = b[off + n - 1] & 0xff;
        if (ended) measure();
        return n;
    }

    private int end() throws IOException {
        ended = true;
        measure();
        return -1;
    }

    private void measure() throws IOException {
        if (change != null) return;
        long now = channel.size();
        if (position < sizeAtOpen) {
            change = "the file shrank from " + sizeAtOpen + " to " + now + " bytes while it was read (truncated, e.g. by"
                    + " logrotate's copytruncate?): only " + position + " of its bytes were read";
        } else if (now > position && !cut) {
            change = "the file grew from " + sizeAtOpen + " to " + now + " bytes while it was read (a live log?): the "
                    + position + " bytes it had when opened" + (position > sizeAtOpen ? ", to the end of their last line," : "")
                    + " were read, the " + (now - position) + " written since were not";
        }
    }

    /** Size as stored when opened. */
    public long sizeAtOpen() { return sizeAtOpen; }

    /** After the end was read: how the file changed while it was read, in words for the user, or null. */
    public String change() { return change; }

    @Override public void close() throws IOException {
        channel.close();
    }
}
