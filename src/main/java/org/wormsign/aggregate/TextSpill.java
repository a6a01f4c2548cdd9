package org.wormsign.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Evidence text past the run's {@link TextBudget} from inputs that cannot give a line back (compressed
 * files, archive members): written once to a temporary file, each text at a position the evidence keeps,
 * and read back when the evidence is written. A million sources in a {@code .gz} otherwise held every
 * evidence line in memory (1.3 GiB at peak for million.log). Shared by a run's threads; the file is made
 * on the first text and deleted by {@link #close}.
 */
public final class TextSpill implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;
    private static final int FIRST_READ = 1024;

    /** Where the file is made: the Java temporary folder unless a test says otherwise. */
    private final Path folder;
    private volatile FileChannel file;
    private Path path;
    private final ByteBuffer pending = ByteBuffer.allocate(BUFFER);
    /** Bytes written to the file so far; the pending ones follow them. */
    private volatile long flushed;
    private boolean closed;

    public TextSpill() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    TextSpill(Path folder) {
        this.folder = folder;
    }

    /** Appends {@code text}; returns where to {@link #get} it. */
    public long put(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return put(b, 0, b.length);
    }

    /**
     * Appends the text {@link RawText#of(byte[], int, int)} makes of the line {@code b[start, end)}, straight from
     * the line's bytes when it is printable ASCII and not cut (a Code Red request is): a {@code .gz} input's every
     * attempt is spilled while it is its source's latest line, and making a String of each, then its bytes, was most
     * of what an attempt cost there.
     */
    public long putLine(byte[] b, int start, int end) {
        if (end - start <= RawText.MAX_BYTES && RawText.printableAscii(b, start, end)) return put(b, start, end - start);
        return put(RawText.of(b, start, end));
    }

    /** Appends the UTF-8 text {@code b[off, off + length)}; returns where to {@link #get} it. */
    private synchronized long put(byte[] b, int off, int length) {
        try {
            if (file == null) open();
            long at = flushed + pending.position();
            if (pending.remaining() < 4 + length) flush();
            if (4 + length > pending.capacity()) {
                ByteBuffer whole = ByteBuffer.allocate(4 + length).putInt(length).put(b, off, length).flip();
                while (whole.hasRemaining()) flushed += file.write(whole, flushed);
            } else {
                pending.putInt(length).put(b, off, length);
            }
            return at;
        } catch (IOException e) {
            String where = path != null ? path.toString() : "a temporary file in " + folder;
            throw new UncheckedIOException("evidence text could not be written to " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text put at {@code at}, read with {@code scratch} (a buffer of the caller's: readers on several
     * threads read at once, each with its own; only a read of text not yet on disk waits for the writers).
     */
    public String get(long at, ByteBuffer scratch) throws IOException {
        if (at < 0 || at + 4 > flushed) flushFor(at);
        FileChannel file = this.file;
        if (file == null) throw new IOException("the evidence spill is closed");
        // One read for most texts: a Code Red line is about 400 bytes, and a read past the text costs little.
        scratch.clear().limit(Math.min(scratch.capacity(), FIRST_READ));
        readUntil(file, scratch, at, 4);
        int length = scratch.getInt(0);
        if (4 + length <= scratch.capacity()) {
            if (scratch.position() < 4 + length) readUntil(file, scratch.limit(4 + length), at, 4 + length);
            return new String(scratch.array(), 4, length, StandardCharsets.UTF_8);
        }
        ByteBuffer text = ByteBuffer.allocate(length);
        readUntil(file, text, at + 4, length);
        return new String(text.array(), StandardCharsets.UTF_8);
    }

    /**
     * Gives the text put at {@code at} to {@code to} as UTF-8, for a caller going forward through the spill: the
     * read that brings it may bring the bytes up to {@code ahead} (where a text wanted later begins) into
     * {@code window}, so texts side by side cost one read between them, not one each.
     */
    void get(long at, long ahead, Window window, EvidenceText.Utf8Sink to) throws IOException {
        if (at < 0 || at + 4 > flushed) flushFor(at);
        FileChannel file = this.file;
        if (file == null) throw new IOException("the evidence spill is closed");
        if (!window.holds(at, 4)) window.fill(file, at, Math.max(FIRST_READ, ahead - at + FIRST_READ));
        int p = (int) (at - window.start);
        int length = window.bytes[p] << 24 | (window.bytes[p + 1] & 0xff) << 16 | (window.bytes[p + 2] & 0xff) << 8 | window.bytes[p + 3] & 0xff;
        if (!window.holds(at, 4 + length)) {
            if (4L + length > window.bytes.length) {
                byte[] text = get(at, ByteBuffer.allocate(FIRST_READ)).getBytes(StandardCharsets.UTF_8);
                to.put(text, 0, text.length);
                return;
            }
            window.fill(file, at, Math.max(4L + length, ahead - at + FIRST_READ));
            p = 0;
        }
        to.put(window.bytes, p + 4, length);
    }

    /** Bytes of the spill read ahead by one forward reader. */
    static final class Window {
        final byte[] bytes = new byte[EvidenceText.WINDOW];
        long start;
        int length;

        boolean holds(long at, long n) {
            return at >= start && at + n <= start + length;
        }

        /** Reads from {@code at} as many bytes as asked (at most the window), fewer at the end of the file. */
        void fill(FileChannel file, long at, long want) throws IOException {
            ByteBuffer into = ByteBuffer.wrap(bytes, 0, (int) Math.min(bytes.length, want));
            length = 0;
            ChannelReads.fill(file, into, at);
            start = at;
            length = into.position();
        }
    }

    private synchronized void flushFor(long at) throws IOException {
        if (file == null || at < 0 || at >= flushed + pending.position()) throw new IOException("no evidence text at " + at);
        if (at + 4 > flushed) flush();
    }

    /** Whether any text was spilled (tests read it). */
    public synchronized boolean used() { return file != null; }

    private void open() throws IOException {
        if (closed) throw new IOException("the evidence spill is closed");
        // Owner-only permissions where the platform has them: the logs are evidence, and may be private.
        path = Files.createTempFile(folder, "wormsign-evidence-", ".spill");
        path.toFile().deleteOnExit();
        file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private void flush() throws IOException {
        pending.flip();
        while (pending.hasRemaining()) flushed += file.write(pending, flushed);
        pending.clear();
    }

    /** Reads the file from {@code at} into {@code b} (from its start) until {@code b} holds {@code n} bytes. */
    private static void readUntil(FileChannel file, ByteBuffer b, long at, int n) throws IOException {
        while (b.position() < n) {
            if (file.read(b, at + b.position()) < 0) throw new IOException("evidence spill cut at " + at);
        }
    }

    /** Deletes the file; texts can no longer be read. */
    @Override public synchronized void close() {
        closed = true;
        if (file == null) return;
        try {
            file.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A temporary file left behind is removed at exit (deleteOnExit); nothing else depends on it.
        }
        file = null;
    }
}
